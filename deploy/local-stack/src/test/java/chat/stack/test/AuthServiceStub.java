package chat.stack.test;

import static chat.stack.test.StubAnswers.answer;
import static chat.stack.test.StubAnswers.username;

import com.sun.net.httpserver.HttpExchange;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for auth-service's directory: {@code GET /api/users/me} answers the user named in the
 * caller's (real Keycloak) token. alice and bob get random large ids, so that their private room is
 * never a real room of the shared development database. Anyone else is unknown (404: never
 * remembered by the services, so asked about on every call), or a 500 (auth-service failing) while
 * {@link #unavailable} is set or when the resource is started with {@code strangers=unavailable}.
 * {@code /internal/private-rooms/{room}/members/{userId}} knows only alice and bob's room.
 */
public class AuthServiceStub implements QuarkusTestResourceLifecycleManager {

    /** alice's id for this test run; bob's is the next one. */
    public static final long ALICE_ID = 1_000_000_000L + (long) (Math.random() * 1_000_000_000L);
    public static final long BOB_ID = ALICE_ID + 1;
    private static final Map<String, Long> IDS = Map.of("alice", ALICE_ID, "bob", BOB_ID);
    /** While set, users other than alice and bob get a 500 (auth-service failing). */
    public static volatile boolean unavailable;
    /** Calls of {@code /api/users/me} received, to show which requests never ask auth-service. */
    public static final AtomicInteger CALLS = new AtomicInteger();
    private boolean strangersUnavailable;
    private StubServer server;

    /** alice and bob's private room. */
    public static String aliceAndBob() {
        return "private_" + ALICE_ID + "_" + BOB_ID;
    }

    /** A private room of bob's that alice is not in. */
    public static String bobAndAnother() {
        return "private_" + BOB_ID + "_" + (BOB_ID + 1);
    }

    @Override
    public void init(Map<String, String> args) {
        strangersUnavailable = "unavailable".equals(args.get("strangers"));
    }

    @Override
    public Map<String, String> start() {
        server = StubServer.start(Map.of("/api/users/me", this::me, "/internal/private-rooms/", this::membership));
        return Map.of("quarkus.rest-client.auth-service.url", server.url());
    }

    private void me(HttpExchange exchange) throws IOException {
        CALLS.incrementAndGet();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String username = auth == null || !auth.startsWith("Bearer ") ? null : username(auth.substring(7));
        if (username == null) {
            answer(exchange, 401, "{\"code\":\"unauthorized\",\"reason\":\"no token\"}");
        } else if (IDS.containsKey(username)) {
            answer(exchange, 200,
                    "{\"user_id\":" + IDS.get(username) + ",\"username\":\"" + username + "\",\"online\":true}");
        } else if (unavailable || strangersUnavailable) {
            answer(exchange, 500, "{\"code\":\"internal\",\"reason\":\"stub failure\"}");
        } else {
            answer(exchange, 404, "{\"code\":\"not_found\",\"reason\":\"unknown user\"}");
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
            server.stop();
        }
    }
}
