package chat.auth;

import chat.stack.test.StubAnswers;
import chat.stack.test.StubServer;
import java.util.Map;

/**
 * Stands in for presence-service's {@code GET /internal/users/online} (another service, not one
 * of the servers of the stack): answers {@link #body}, or 503 while {@link #down} is set.
 */
public class StubPresence {

    public static volatile String body = "[]";
    public static volatile boolean down;
    private StubServer server;

    public String start() {
        server = StubServer.start(Map.of("/internal/users/online",
                exchange -> StubAnswers.answer(exchange, down ? 503 : 200,
                        down ? "{\"code\":\"unavailable\"}" : body)));
        return server.url();
    }

    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
