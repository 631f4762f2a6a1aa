package chat.gateway.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** auth-service's cluster-internal API, called with the gateway's own client-credentials token. */
@RegisterRestClient(configKey = "auth-service")
@OidcClientFilter
interface AuthServiceInternalApi {

    /** Whether a user is one of the two members of a private room (400 malformed, 404 unknown ids). */
    @GET
    @Path("/internal/private-rooms/{room}/members/{userId}")
    Uni<Membership> membership(@PathParam("room") String room, @PathParam("userId") long userId);

    /** Answer of the membership check. */
    record Membership(boolean member) {
    }
}
