package chat.events.identity;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** auth-service's user directory, called with the caller's own bearer token (config key {@code auth-service}). */
@RegisterRestClient(configKey = "auth-service")
@Path("/api/users")
interface AuthServiceUsers {

    @GET
    @Path("/me")
    @Produces(MediaType.APPLICATION_JSON)
    DirectoryUser me(@HeaderParam("Authorization") String authorization);
}
