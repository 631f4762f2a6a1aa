package chat.media.rest;

import chat.media.service.MediaRejected;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns a refused upload into its HTTP status and {@code {"code","reason"}} body. */
public class MediaRejectedMapper {

    @ServerExceptionMapper
    public Response map(MediaRejected rejected) {
        int status = switch (rejected.code()) {
            case MediaRejected.FORBIDDEN -> 403;
            case MediaRejected.TOO_LARGE -> 413;
            case MediaRejected.UNSUPPORTED_MEDIA -> 415;
            default -> 400;
        };
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(rejected.code(), rejected.reason())).build();
    }
}
