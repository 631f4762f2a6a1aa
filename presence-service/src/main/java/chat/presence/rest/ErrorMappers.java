package chat.presence.rest;

import chat.presence.service.ApiException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns refusals into the {@code {"code","reason"}} JSON answers of PROTOCOL.md. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response refused(ApiException e) {
        return answer(e.status(), e.code(), e.getMessage());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated() {
        return answer(401, "unauthorized", "a valid bearer token is required");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return answer(403, "forbidden", "not allowed");
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 415 -> "unsupported_media";
            default -> status < 500 ? "bad_request" : "unavailable";
        };
        return answer(status, code, Response.Status.fromStatusCode(status) == null
                ? "refused" : Response.Status.fromStatusCode(status).getReasonPhrase());
    }

    static Response answer(int status, String code, String reason) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(code, reason)).build();
    }
}
