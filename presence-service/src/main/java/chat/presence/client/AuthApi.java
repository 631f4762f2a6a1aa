package chat.presence.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** auth-service's REST API (config key {@code auth}). */
@RegisterRestClient(configKey = "auth")
@Path("/api/users")
interface AuthApi {

    @GET
    @Path("/me")
    @Produces(MediaType.APPLICATION_JSON)
    Me me(@HeaderParam("Authorization") String authorization);
}
