package chat.gateway.identity;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The parts of auth-service the gateway calls (base URL: {@code chat.gateway.services.auth}). */
@RegisterRestClient(configKey = "auth-service")
interface AuthServiceApi {

    /** The caller's directory entry, provisioned on first sight. */
    @GET
    @Path("/api/users/me")
    Uni<ChatUser> me(@HeaderParam("Authorization") String authorization);

    /** Whether a user is one of the two members of a private room (400 malformed, 404 unknown ids). */
    @GET
    @Path("/internal/private-rooms/{room}/members/{userId}")
    Uni<Membership> membership(@PathParam("room") String room, @PathParam("userId") long userId);

    /** Answer of the membership check. */
    record Membership(boolean member) {
    }
}
