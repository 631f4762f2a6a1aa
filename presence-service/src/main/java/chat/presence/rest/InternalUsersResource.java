package chat.presence.rest;

import chat.presence.service.PresenceQueries;
import chat.presence.service.UserStatus;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Online state of every known user, for auth-service's directory: only a service token with the role {@code presence-reader}. */
@Path("/internal/users/online")
@RolesAllowed("presence-reader")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class InternalUsersResource {

    private final PresenceQueries queries;

    public InternalUsersResource(PresenceQueries queries) {
        this.queries = queries;
    }

    @GET
    @Operation(operationId = "usersOnline", summary = "Every known user with online state and last seen")
    @APIResponse(responseCode = "200", description = "Users ordered by id", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = UserStatus.class)))
    public List<UserStatus> online() {
        return queries.everyone();
    }
}
