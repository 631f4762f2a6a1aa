package chat.auth.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** presence-service's internal REST API (config key {@code presence}), called with auth-service's own token. */
@RegisterRestClient(configKey = "presence")
@OidcClientFilter
@Path("/internal/users")
interface PresenceApi {

    @GET
    @Path("/online")
    @Produces(MediaType.APPLICATION_JSON)
    List<PresenceStatus> online();
}
