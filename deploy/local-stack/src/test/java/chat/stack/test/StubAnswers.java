package chat.stack.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** What the tests' stand-ins for auth-service share: who a bearer token names, and a JSON answer. */
public final class StubAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StubAnswers() {
    }

    /** The {@code preferred_username} of a (real Keycloak) token, read without checking it; null if none. */
    public static String username(String jwt) {
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
            return claims.path("preferred_username").asText(null);
        } catch (RuntimeException | IOException e) {
            return null;
        }
    }

    /** Answers the exchange with this status and JSON body. */
    public static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
