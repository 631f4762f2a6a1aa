package chat.message.rest;

import chat.events.rest.ApiError;
import chat.message.service.HistoryService;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
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

/**
 * Cluster-internal history for the gateways (seq gaps, a client's {@code resume}): only a
 * service token with the role {@code history-reader} reads it. Never routed to clients.
 */
@Path("/internal/rooms/{room}/messages")
@RolesAllowed("history-reader")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class InternalRoomMessagesResource {

    private final HistoryService history;
    private final HistoryParams params;

    public InternalRoomMessagesResource(HistoryService history, HistoryParams params) {
        this.history = history;
        this.params = params;
    }

    @GET
    @Blocking
    @Operation(operationId = "listRoomMessagesInternal", summary = "A room's messages after a seq, for gateways", description = "`after_seq`: the first `limit` messages with a greater seq; without it the latest `limit`. "
            + "Public and private rooms alike (gateways check membership themselves).")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HistoryPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid room name, seq or limit", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public HistoryPage list(
            @Parameter(description = "Room name") @PathParam("room") String room,
            @Parameter(description = "Only messages with a greater seq") @QueryParam("after_seq") String afterSeq,
            @Parameter(description = "At most this many messages (default 50, at most 200)") @QueryParam("limit") String limit) {
        HistoryParams.checkRoom(room);
        return new HistoryPage(room, history.page(room, params.parse(afterSeq, null, limit)));
    }
}
