package chat.load.accounts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;

/**
 * The chat's user directory, reached through the gateway: a new Keycloak user gets its numeric
 * {@code user_id} on its first {@code GET /api/users/me}, and only tokens issued after that
 * carry the {@code user_id} claim. Without it every upgrade makes the gateway ask auth-service,
 * which a load test must not depend on.
 */
final class ChatDirectory {

    private final URI gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ChatDirectory(URI gateway) {
        this.gateway = gateway;
    }

    /** True when the access token (a JWT) has a {@code user_id} claim. */
    static boolean hasUserId(String accessToken) {
        String[] parts = accessToken.split("\\.");
        if (parts.length < 2) {
            return false;
        }
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8);
        return payload.contains("\"user_id\"");
    }

    /** Registers the token's user in the directory (a few tries: a busy box times out now and then). */
    void register(String username, String accessToken) {
        String last = "";
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(gateway.resolve("/api/users/me"))
                        .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + accessToken).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + r.statusCode();
            } catch (IOException e) {
                last = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("registering " + username + " in the user directory (" + gateway
                + "/api/users/me) failed: " + last);
    }
}
