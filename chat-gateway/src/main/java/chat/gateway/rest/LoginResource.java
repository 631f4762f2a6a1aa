package chat.gateway.rest;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Browser login: Keycloak's code flow (tenant {@code web}), then back to the web client. */
@Path("/login")
public class LoginResource {

    @GET
    @Authenticated
    @Operation(operationId = "login", summary = "Log in through Keycloak, then go to the web client")
    public Response login() {
        return Response.seeOther(URI.create("/")).build();
    }
}
