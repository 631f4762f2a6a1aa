package chat.message.rest;

import chat.events.rest.ApiError;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A room's message history for logged-in users, with what the other readers have read. */
@Path("/api/rooms/{room}/messages")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "history")
public class RoomMessagesResource {

    private final HistoryService history;
    private final HistoryParams params;
    private final RoomReading reading;

    public RoomMessagesResource(HistoryService history, HistoryParams params, RoomReading reading) {
        this.history = history;
        this.params = params;
        this.reading = reading;
    }

    @GET
    @Blocking
    @Operation(operationId = "listRoomMessages", summary = "Page through a room's messages, oldest first", description = "No bounds: the latest `limit` messages; `after_seq`: the first `limit` with a greater seq; "
            + "`before_seq`: the last `limit` with a smaller seq; both: the first `limit` between them. "
            + "Each message has `read_by` (other readers at or past it); `read_pointers` lists the other "
            + "readers' pointers, most recent first.")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReaderHistoryPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid room name, seq or limit (limit above the maximum is refused, not clamped)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "Private room of which the caller is not a member", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "Private room, and the user directory (auth-service) cannot say who the caller is", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public ReaderHistoryPage list(
            @Parameter(description = "Room name") @PathParam("room") String room,
            @Parameter(description = "Only messages with a greater seq") @QueryParam("after_seq") String afterSeq,
            @Parameter(description = "Only messages with a smaller seq") @QueryParam("before_seq") String beforeSeq,
            @Parameter(description = "At most this many messages (default 50, at most 200)") @QueryParam("limit") String limit) {
        HistoryParams.checkRoom(room);
        HistoryQuery query = params.parse(afterSeq, beforeSeq, limit);
        RoomReading.Page page = reading.read(room, () -> history.page(room, query));
        return new ReaderHistoryPage(room, page.messages(), page.readPointers());
    }
}
