package chat.message.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns refusals into the {@code {"code","reason"}} answers of PROTOCOL.md. */
public class ErrorMappers {

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> refused(ApiException e) {
        return RestResponse.ResponseBuilder.create(RestResponse.Status.fromStatusCode(e.status()),
                        new ErrorResponse(e.code(), e.getMessage()))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Needs {@code quarkus.http.auth.proactive=false}, so that authentication failures reach the mappers. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public RestResponse<ErrorResponse> unauthorized(RuntimeException e) {
        return RestResponse.ResponseBuilder.create(Response.Status.UNAUTHORIZED,
                        new ErrorResponse("unauthorized", "a valid bearer token is required"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> forbidden(ForbiddenException e) {
        return RestResponse.ResponseBuilder.create(Response.Status.FORBIDDEN,
                new ErrorResponse("forbidden", "not allowed")).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
