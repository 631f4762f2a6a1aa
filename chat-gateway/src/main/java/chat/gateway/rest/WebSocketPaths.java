package chat.gateway.rest;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Accepts the chat WebSocket paths with a trailing slash too ({@code /ws/chat/lobby/}), as the original did. */
@ApplicationScoped
public class WebSocketPaths {

    void register(@Observes Router router) {
        router.routeWithRegex("/ws/chat/(private/)?[^/]+/").order(Integer.MIN_VALUE).handler(rc -> {
            String path = rc.normalizedPath();
            rc.reroute(path.substring(0, path.length() - 1));
        });
    }
}
