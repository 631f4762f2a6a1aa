package chat.message.rest;

import chat.events.RoomNames;
import chat.message.client.UserDirectory;
import chat.message.service.HistoryQuery;
import chat.message.service.HistoryService;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A room's message history for logged-in users. */
@Path("/api/rooms/{room}/messages")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "history")
public class RoomMessagesResource {

    private final HistoryService history;
    private final HistoryParams params;
    private final UserDirectory directory;
    private final JsonWebToken caller;

    public RoomMessagesResource(HistoryService history, HistoryParams params, UserDirectory directory,
                                JsonWebToken caller) {
        this.history = history;
        this.params = params;
        this.directory = directory;
        this.caller = caller;
    }

    @GET
    @Blocking
    @Operation(operationId = "listRoomMessages", summary = "Page through a room's messages, oldest first",
            description = "No bounds: the latest `limit` messages; `after_seq`: the first `limit` with a greater seq; "
                    + "`before_seq`: the last `limit` with a smaller seq; both: the first `limit` between them.")
    @APIResponse(responseCode = "200", description = "The page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HistoryPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid room name, seq or limit (limit above the maximum is refused, not clamped)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "403", description = "Private room of which the caller is not a member",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "503", description = "Private room, and the user directory (auth-service) cannot say who the caller is",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    public HistoryPage list(
            @Parameter(description = "Room name") @PathParam("room") String room,
            @Parameter(description = "Only messages with a greater seq") @QueryParam("after_seq") String afterSeq,
            @Parameter(description = "Only messages with a smaller seq") @QueryParam("before_seq") String beforeSeq,
            @Parameter(description = "At most this many messages (default 50, at most 200)") @QueryParam("limit") String limit) {
        HistoryParams.checkRoom(room);
        HistoryQuery query = params.parse(afterSeq, beforeSeq, limit);
        RoomNames.parsePrivate(room).ifPresent(this::checkMember);
        return new HistoryPage(room, history.page(room, query));
    }

    /** Only the two members read a private room; the caller's numeric id comes from auth-service. */
    private void checkMember(RoomNames.PrivatePair pair) {
        Optional<Long> userId;
        try {
            userId = directory.userId(caller.getSubject(), caller.getRawToken());
        } catch (UserDirectory.DirectoryUnavailableException e) {
            throw new ApiException(503, "unavailable", "cannot check private room membership now; retry later");
        }
        if (userId.isEmpty() || !pair.hasMember(userId.get())) {
            throw ApiException.forbidden("not a member of this private room");
        }
    }
}
