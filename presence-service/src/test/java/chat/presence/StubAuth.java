package chat.presence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Stands in for auth-service's {@code GET /api/users/me} (another service, not a server of the
 * stack): reads {@code preferred_username} of the forwarded real Keycloak token and answers
 * the fixed ids of {@link #IDS}; 401 without a bearer token.
 */
public class StubAuth {

    public static final Map<String, Long> IDS = Map.of("alice", 1001L, "bob", 1002L, "carol", 1003L);
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;

    public String start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/users/me", exchange -> {
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            Long id = null;
            String name = null;
            if (header != null && header.startsWith("Bearer ")) {
                String[] parts = header.substring(7).split("\\.");
                JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
                name = claims.path("preferred_username").asText();
                id = IDS.get(name);
            }
            byte[] body = (id == null
                    ? "{\"code\":\"unauthorized\",\"reason\":\"no\"}"
                    : "{\"user_id\":" + id + ",\"username\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(id == null ? 401 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
