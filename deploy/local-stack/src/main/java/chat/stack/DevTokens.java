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

/** Real Keycloak tokens: the development users' (password grant of {@code chat-web}) and the services' own. */
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

    /**
     * An access token without the {@code user_id} claim, as a user's very first login has (tests
     * of a service's fallback to auth-service; development client {@code chat-tests-first-login}).
     */
    public static String tokenWithoutUserId(InfraEndpoints infra, String username) {
        return accessToken(infra, username, PASSWORD, "chat-tests-first-login");
    }

    /** Every token of one password grant of {@code chat-web}: access, ID and refresh token (tests that must refuse the last two). */
    public static JsonNode passwordGrant(InfraEndpoints infra, String username, String clientId) {
        return grant(infra, username, "grant_type=password&client_id=" + clientId + "&scope=openid"
                + "&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8));
    }

    /** The access token of a refresh grant (tokens issued after provisioning carry the {@code user_id} claim). */
    public static String refreshed(InfraEndpoints infra, String clientId, String refreshToken) {
        return grant(infra, clientId, "grant_type=refresh_token&client_id=" + clientId
                + "&refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8)).get("access_token")
                .asText();
    }

    /** A service's own token (client credentials of its confidential client; secrets in {@link DevSecrets}). */
    public static String serviceToken(InfraEndpoints infra, String clientId, String secret) {
        return grant(infra, clientId, "grant_type=client_credentials&client_id=" + clientId
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8)).get("access_token").asText();
    }

    /** The gateway's service token (roles history-reader and membership-reader). */
    public static String gatewayServiceToken(InfraEndpoints infra) {
        return serviceToken(infra, "chat-gateway-service", DevSecrets.GATEWAY_SERVICE_CLIENT_SECRET);
    }

    /** auth-service's service token (role presence-reader, and the admin API's user roles). */
    public static String authServiceToken(InfraEndpoints infra) {
        return serviceToken(infra, "auth-service", DevSecrets.AUTH_SERVICE_CLIENT_SECRET);
    }

    private static String accessToken(InfraEndpoints infra, String username, String password, String clientId) {
        return grant(infra, username, "grant_type=password&client_id=" + clientId + "&scope=openid"
                + "&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)).get("access_token").asText();
    }

    private static JsonNode grant(InfraEndpoints infra, String who, String form) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(infra.realmUrl() + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "token for " + who + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("token for " + who + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
