package chat.presence.rest;

import chat.events.ErrorCode;
import chat.events.rest.ApiException;
import chat.events.rest.ApiError;
import chat.events.RoomNames;
import chat.events.RoomNames.PrivatePair;
import chat.presence.client.AuthClient;
import chat.presence.service.PresenceQueries;
import chat.presence.service.RoomPresence;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who is online in a room; private rooms only for their two members. */
@Path("/api/rooms/{room}/presence")
@Authenticated
@Blocking
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "presence")
public class PresenceResource {

    private final SecurityIdentity identity;
    private final AuthClient auth;
    private final PresenceQueries queries;

    public PresenceResource(SecurityIdentity identity, AuthClient auth, PresenceQueries queries) {
        this.identity = identity;
        this.auth = auth;
        this.queries = queries;
    }

    @GET
    @Operation(operationId = "roomPresence", summary = "The users online in a room, with their typing state")
    @APIResponse(responseCode = "200", description = "The room's users, ordered by username", content = @Content(schema = @Schema(implementation = RoomPresence.class)))
    @APIResponse(responseCode = "400", description = "Not a room name (or an unsorted private one)", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "A private room of other users", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "auth-service unavailable (private rooms)", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public RoomPresence presence(@PathParam("room") String room) {
        if (!RoomNames.isPublic(room)) {
            checkPrivateMember(room);
        }
        return queries.room(room);
    }

    private void checkPrivateMember(String room) {
        PrivatePair pair = RoomNames.parsePrivate(room)
                .filter(PrivatePair::isCanonical)
                .orElseThrow(() -> new ApiException(ErrorCode.BAD_ROOM, "not a valid room name"));
        if (!(identity.getPrincipal() instanceof JsonWebToken token) || token.getSubject() == null) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "a bearer token is required");
        }
        long caller = auth.userId(token);
        if (!pair.hasMember(caller)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "this private room is not yours");
        }
    }
}
