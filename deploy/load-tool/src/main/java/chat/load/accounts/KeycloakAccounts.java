package chat.load.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Keycloak of the development realm: creates load-test users through the admin API (once) and
 * gets their tokens by the password grant of the public client {@code chat-web}, or renews them
 * by a refresh grant.
 */
public final class KeycloakAccounts {

    static final String REALM = "chat";
    static final String CLIENT = "chat-web";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI keycloak;
    private final String adminUser;
    private final String adminPassword;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile String adminToken;

    public KeycloakAccounts(URI keycloak) {
        this(keycloak, System.getenv().getOrDefault("KC_ADMIN", "admin"),
                System.getenv().getOrDefault("KC_ADMIN_PASSWORD", "admin"));
    }

    KeycloakAccounts(URI keycloak, String adminUser, String adminPassword) {
        this.keycloak = keycloak;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    public String keycloakUrl() {
        return keycloak.toString();
    }

    /** The password of a load-test user (deterministic, so a later run can log in without state). */
    static String password(String username) {
        return "Lt-" + username + "-pw-2026";
    }

    /** Tokens of a user: logs in, and creates the user first if the login says it does not exist. */
    public CachedToken login(String username) {
        HttpResponse<String> response = tokenRequest(
                "grant_type=password&client_id=" + CLIENT + "&scope=openid&username="
                        + encode(username) + "&password=" + encode(password(username)));
        if (response.statusCode() == 401 || response.statusCode() == 400) {
            createUser(username);
            response = tokenRequest("grant_type=password&client_id=" + CLIENT + "&scope=openid&username="
                    + encode(username) + "&password=" + encode(password(username)));
        }
        return parse(username, response);
    }

    /** Renewed tokens from a refresh token, or null when Keycloak refuses it (expired session). */
    public CachedToken refresh(String username, String refreshToken) {
        HttpResponse<String> response = tokenRequest("grant_type=refresh_token&client_id=" + CLIENT
                + "&refresh_token=" + encode(refreshToken));
        return response.statusCode() == 200 ? parse(username, response) : null;
    }

    private void createUser(String username) {
        ObjectNode user = JSON.createObjectNode().put("username", username).put("enabled", true)
                .put("email", username + "@load.invalid").put("emailVerified", true)
                .put("firstName", "Load").put("lastName", username);
        user.putArray("credentials").addObject().put("type", "password").put("value", password(username))
                .put("temporary", false);
        for (int attempt = 0; attempt < 2; attempt++) {
            HttpRequest request = HttpRequest.newBuilder(keycloak.resolve("/admin/realms/" + REALM + "/users"))
                    .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + adminToken(attempt > 0))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(user.toString())).build();
            int status = send(request).statusCode();
            if (status == 201 || status == 409) {
                return;
            }
            if (status != 401) {
                throw new IllegalStateException(
                        "Keycloak admin API: creating user " + username + " answered HTTP " + status);
            }
        }
        throw new IllegalStateException("Keycloak admin API refused the admin token (KC_ADMIN / KC_ADMIN_PASSWORD)");
    }

    private String adminToken(boolean renew) {
        if (adminToken == null || renew) {
            HttpRequest request = form(keycloak.resolve("/realms/master/protocol/openid-connect/token"),
                    "grant_type=password&client_id=admin-cli&username=" + encode(adminUser) + "&password="
                            + encode(adminPassword));
            HttpResponse<String> response = send(request);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "Keycloak admin login (" + adminUser + " on realm master) answered HTTP "
                                + response.statusCode() + ": set KC_ADMIN / KC_ADMIN_PASSWORD");
            }
            adminToken = read(response).path("access_token").asText();
        }
        return adminToken;
    }

    private HttpResponse<String> tokenRequest(String body) {
        return send(form(keycloak.resolve("/realms/" + REALM + "/protocol/openid-connect/token"), body));
    }

    private CachedToken parse(String username, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "token for " + username + ": HTTP " + response.statusCode() + " " + response.body());
        }
        JsonNode body = read(response);
        long now = Instant.now().getEpochSecond();
        return new CachedToken(body.path("access_token").asText(), body.path("refresh_token").asText(),
                now + body.path("expires_in").asLong(), now + body.path("refresh_expires_in").asLong());
    }

    private static HttpRequest form(URI uri, String body) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak at " + keycloak + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak answered no JSON: " + e.getMessage(), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
