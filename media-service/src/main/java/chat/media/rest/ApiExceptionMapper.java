package chat.media.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns a refused request into its HTTP status and {@code {"code","reason"}} body. */
public class ApiExceptionMapper {

    @ServerExceptionMapper
    public Response map(ApiException refused) {
        Response.ResponseBuilder answer = Response.status(refused.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(refused.code(), refused.getMessage()));
        if (refused.status() == 503) {
            answer.header("Retry-After", "5");
        }
        return answer.build();
    }
}
