package chat.gateway.ws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import static chat.stack.test.StubAnswers.answer;
import static chat.stack.test.StubAnswers.username;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * Stands in for auth-service's directory (the gateway's only call at the upgrade): {@code /api/users/me}
 * names alice and bob with random large ids (never real rooms of the shared database) and fails with
 * a 500 for carol (auth-service down); the private-room membership check knows only alice and bob's room.
 */
public class DirectoryStub implements QuarkusTestResourceLifecycleManager {

    public static final long ALICE_ID = 1_000_000_000L + (long) (Math.random() * 1_000_000_000L);
    public static final long BOB_ID = ALICE_ID + 1;
    private static final Map<String, Long> IDS = Map.of("alice", ALICE_ID, "bob", BOB_ID);
    private HttpServer server;

    /** alice and bob's private room. */
    public static String aliceAndBob() {
        return "private_" + ALICE_ID + "_" + BOB_ID;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/users/me", this::me);
        server.createContext("/internal/private-rooms/", this::membership);
        server.start();
        return Map.of("quarkus.rest-client.auth-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void me(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String username = auth == null ? null : username(auth.substring("Bearer ".length()));
        if (username != null && IDS.containsKey(username)) {
            answer(exchange, 200, "{\"user_id\":" + IDS.get(username) + ",\"username\":\"" + username + "\"}");
        } else {
            answer(exchange, 500, "{\"code\":\"unavailable\",\"reason\":\"stub failure\"}");
        }
    }

    /** {@code /internal/private-rooms/{room}/members/{userId}}: 404 for a room whose ids are not users. */
    private void membership(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().split("/");
        boolean known = parts.length > 3 && parts[3].equals(aliceAndBob());
        answer(exchange, known ? 200 : 404,
                known ? "{\"member\":true}" : "{\"code\":\"unknown_user\",\"reason\":\"no such user\"}");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
