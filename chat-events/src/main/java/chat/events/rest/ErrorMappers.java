package chat.events.rest;

import chat.events.ErrorCode;
import io.quarkus.arc.properties.UnlessBuildProperty;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every refusal of a REST service into its status and {@link ApiError} body. The
 * authentication mappers need {@code quarkus.http.auth.proactive=false}, so that failures reach
 * them. A service whose login is a browser redirect (the gateway) switches them off with
 * {@code chat.rest.error-mappers=false} (build time), keeping Quarkus's own challenge.
 */
@UnlessBuildProperty(name = "chat.rest.error-mappers", stringValue = "false", enableIfMissing = true)
public class ErrorMappers {

    /** Seconds a client waits before retrying a 503. */
    static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response refused(ApiException e) {
        Response.ResponseBuilder answer = answer(e.code(), e.reason());
        if (e.status() == 503) {
            answer.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return answer.build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated() {
        return answer(ErrorCode.UNAUTHORIZED, "a valid bearer token is required")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return answer(ErrorCode.FORBIDDEN, "not allowed").build();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(ErrorCode.forStatus(status).wire(),
                        known == null ? "refused" : known.getReasonPhrase()))
                .build();
    }

    private static Response.ResponseBuilder answer(ErrorCode code, String reason) {
        return Response.status(code.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiError.of(code, reason));
    }
}
