package chat.auth;

import chat.stack.test.StubAnswers;
import chat.stack.test.StubServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for presence-service's {@code GET /internal/users/presence} (another service, not one
 * of the servers of the stack): answers {@link #body}, or 503 while {@link #down} is set, and
 * keeps the query string of every call in {@link #queries}.
 */
public class StubPresence {

    public static final String EMPTY = "{\"online\":[],\"last_seen\":[],\"cursor\":\"2026-01-01T00:00:00Z\"}";

    public static volatile String body = EMPTY;
    public static volatile boolean down;
    public static final List<String> queries = new CopyOnWriteArrayList<>();
    private StubServer server;

    public String start() {
        server = StubServer.start(Map.of("/internal/users/presence", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            queries.add(query == null ? "" : query);
            StubAnswers.answer(exchange, down ? 503 : 200, down ? "{\"code\":\"unavailable\"}" : body);
        }));
        return server.url();
    }

    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
