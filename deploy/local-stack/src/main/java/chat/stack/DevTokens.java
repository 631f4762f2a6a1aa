package chat.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Real Keycloak access tokens for the development users, by the password grant of {@code chat-web}. */
public final class DevTokens {

    public static final String PASSWORD = "chat-dev-password";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private DevTokens() {
    }

    public static String accessToken(InfraEndpoints infra, String username) {
        return accessToken(infra, username, PASSWORD);
    }

    public static String accessToken(InfraEndpoints infra, String username, String password) {
        return accessToken(infra, username, password, "chat-web");
    }

    /** A token of the development client whose tokens expire after 10 s (tests of expiry). */
    public static String shortLivedAccessToken(InfraEndpoints infra, String username) {
        return accessToken(infra, username, PASSWORD, "chat-web-short-lived");
    }

    private static String accessToken(InfraEndpoints infra, String username, String password, String clientId) {
        String form = "grant_type=password&client_id=" + clientId + "&scope=openid"
                + "&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(infra.realmUrl() + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token for " + username + ": HTTP " + response.statusCode() + " " + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            return body.get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("token for " + username + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
