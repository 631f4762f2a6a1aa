package chat.auth.rest;

import chat.events.rest.ApiError;
import chat.auth.service.PrivateRoomService;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Membership of private rooms, for the gateway: only a service token with the role {@code membership-reader}. */
@Path("/internal/private-rooms")
@RolesAllowed("membership-reader")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class InternalPrivateRoomResource {

    private final PrivateRoomService rooms;

    public InternalPrivateRoomResource(PrivateRoomService rooms) {
        this.rooms = rooms;
    }

    @GET
    @Path("/{room}/members/{userId}")
    @Operation(operationId = "privateRoomMember", summary = "Whether user userId belongs to the private room")
    @APIResponse(responseCode = "200", description = "Member or not", content = @Content(schema = @Schema(implementation = Membership.class)))
    @APIResponse(responseCode = "400", description = "Ids unsorted or equal", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "Malformed name or unknown user", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Membership member(@PathParam("room") String room, @PathParam("userId") long userId) {
        return new Membership(rooms.isMember(room, userId));
    }
}
