package chat.auth.rest;

import chat.events.ErrorCode;
import chat.events.rest.ApiException;
import chat.events.rest.ApiError;
import chat.auth.service.SignupRateLimit;
import chat.auth.service.SignupService;
import chat.auth.service.UserRef;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Signup without login: creates the Keycloak user and the directory entry. */
@Path("/api/signup")
@Blocking
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "signup")
public class SignupResource {

    private final SignupService signup;
    private final SignupRateLimit rateLimit;

    public SignupResource(SignupService signup, SignupRateLimit rateLimit) {
        this.signup = signup;
        this.rateLimit = rateLimit;
    }

    @POST
    @Operation(operationId = "signup", summary = "Creates a user who can log in at once")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = UserRef.class)))
    @APIResponse(responseCode = "400", description = "bad_username or weak_password", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "username_taken", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "429", description = "rate_limited: too many signups from this client address", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "Keycloak unavailable", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response signup(SignupRequest request, @Context HttpServerRequest http) {
        // the client's address: X-Forwarded-For counts only from trusted proxies (quarkus.http.proxy.*)
        if (!rateLimit.tryAcquire(http.remoteAddress().hostAddress())) {
            throw new ApiException(ErrorCode.RATE_LIMITED, "too many signups from this address; try again later");
        }
        if (request == null) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "a JSON body with username and password is required");
        }
        UserRef user = signup.signup(request.username(), request.password());
        return Response.status(Response.Status.CREATED).entity(user).build();
    }
}
