package chat.presence;

import chat.stack.test.StubAnswers;
import chat.stack.test.StubServer;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;

/**
 * Stands in for auth-service's {@code GET /api/users/me} (another service, not a server of the
 * stack): reads {@code preferred_username} of the forwarded real Keycloak token and answers
 * the fixed ids of {@link #IDS}; 401 without a bearer token.
 */
public class StubAuth {

    public static final Map<String, Long> IDS = Map.of("alice", 1001L, "bob", 1002L, "carol", 1003L);
    private StubServer server;

    public String start() {
        server = StubServer.start(Map.of("/api/users/me", StubAuth::me));
        return server.url();
    }

    private static void me(HttpExchange exchange) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String name = header != null && header.startsWith("Bearer ") ? StubAnswers.username(header.substring(7)) : null;
        Long id = name == null ? null : IDS.get(name);
        if (id == null) {
            StubAnswers.answer(exchange, 401, "{\"code\":\"unauthorized\",\"reason\":\"no\"}");
        } else {
            StubAnswers.answer(exchange, 200, "{\"user_id\":" + id + ",\"username\":\"" + name + "\"}");
        }
    }

    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
