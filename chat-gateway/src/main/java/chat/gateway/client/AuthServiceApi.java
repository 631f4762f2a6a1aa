package chat.gateway.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** auth-service as the user themself: provisions the caller (base URL: {@code chat.services.auth}). */
@RegisterRestClient(configKey = "auth-service")
interface AuthServiceApi {

    /** The caller's directory entry, provisioned on first sight (called with the user's own token). */
    @GET
    @Path("/api/users/me")
    Uni<ChatUser> me(@HeaderParam("Authorization") String authorization);
}
