package chat.auth.rest;

import chat.events.ErrorCode;
import chat.events.rest.ApiException;
import chat.events.rest.ApiError;
import chat.auth.service.PrivateRoomService;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Get-or-create of the private room between the caller and another user. */
@Path("/api/private-rooms")
@Authenticated
@Blocking
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "private-rooms")
public class PrivateRoomResource {

    private final Caller caller;
    private final PrivateRoomService rooms;

    public PrivateRoomResource(Caller caller, PrivateRoomService rooms) {
        this.caller = caller;
        this.rooms = rooms;
    }

    @POST
    @Operation(operationId = "openPrivateRoom", summary = "The private room of the caller and user_id")
    @APIResponse(responseCode = "200", description = "The room's name", content = @Content(schema = @Schema(implementation = PrivateRoom.class)))
    @APIResponse(responseCode = "400", description = "user_id missing or the caller's own", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such user", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public PrivateRoom open(PrivateRoomRequest request) {
        if (request == null) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "a JSON body with user_id is required");
        }
        return new PrivateRoom(rooms.roomWith(caller.current(), request.userId()));
    }
}
