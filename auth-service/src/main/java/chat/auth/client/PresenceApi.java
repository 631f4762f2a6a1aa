package chat.auth.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** presence-service's internal REST API (config key {@code presence}), called with auth-service's own token. */
@RegisterRestClient(configKey = "presence")
@OidcClientFilter
@Path("/internal/users")
interface PresenceApi {

    /** Who is online, and the last-seen times written since {@code cursor} (all of them when null). */
    @GET
    @Path("/presence")
    @Produces(MediaType.APPLICATION_JSON)
    PresenceSnapshot presence(@QueryParam("cursor") String cursor);
}
