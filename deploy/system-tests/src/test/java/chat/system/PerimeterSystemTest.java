package chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.stack.DevTokens;
import chat.stack.ServiceKind;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The perimeter probed from outside: only access tokens issued for this system get in, the
 * services' /internal/* APIs answer their callers' service tokens only (while the services' own
 * calls keep working), and one user cannot open more than the gateway's connection cap.
 */
class PerimeterSystemTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final SystemStack stack = SystemStack.get();

    @Test
    void onlyAccessTokensIssuedForThisSystemAreAccepted() {
        JsonNode grant = DevTokens.passwordGrant(stack.infra, "alice", "chat-web");
        String room = SystemStack.randomRoom("perimeter");
        List<String> userApis = List.of(stack.gateway() + "/api/users/me",
                stack.services.url(ServiceKind.AUTH) + "/api/users/me",
                stack.services.url(ServiceKind.MESSAGE) + "/api/rooms/" + room + "/messages",
                stack.services.url(ServiceKind.PRESENCE) + "/api/rooms/" + room + "/presence");
        String ws = stack.wsUrl(stack.gateway(), "/ws/chat/" + room + "/");

        for (String api : userApis) {
            assertEquals(200, Api.get(api, grant.path("access_token").asText()).statusCode(), api);
        }
        try (WsClient accepted = WsClient.connect(ws, grant.path("access_token").asText())) {
            accepted.await("user_list");
        }
        Map<String, String> refused = Map.of(
                "ID token", grant.path("id_token").asText(),
                "refresh token", grant.path("refresh_token").asText(),
                "another client's access token (admin-cli)", DevTokens.passwordGrant(stack.infra, "alice", "admin-cli")
                        .path("access_token").asText(),
                "a service's token (auth-service, holds manage-users)", DevTokens.authServiceToken(stack.infra),
                "a forged token", forged(grant.path("access_token").asText()));
        refused.forEach((what, token) -> {
            for (String api : userApis) {
                assertEquals(401, Api.get(api, token).statusCode(), what + " on " + api);
            }
            assertEquals(401, WsClient.refusedStatus(ws, Map.of("Authorization", "Bearer " + token)),
                    what + " on the upgrade");
        });
    }

    @Test
    void aTokenFromBeforeProvisioningWorksAndItsRefreshCarriesTheUserId() {
        String name = "perim_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String keycloakId = createKeycloakUser(name);
        try {
            JsonNode first = DevTokens.passwordGrant(stack.infra, name, "chat-web");
            assertTrue(claims(first.path("access_token").asText()).path("user_id").isMissingNode(),
                    "never provisioned yet");
            // the first login: the gateway asks auth-service, which provisions and writes the attribute
            String ws = stack.wsUrl(stack.gateway(), "/ws/chat/" + SystemStack.randomRoom("first") + "/");
            try (WsClient socket = WsClient.connect(ws, first.path("access_token").asText())) {
                socket.await("user_list");
            }
            long id = Api.json(Api.get(stack.gateway() + "/api/users/me", first.path("access_token").asText()))
                    .path("user_id").asLong();
            String refreshed = DevTokens.refreshed(stack.infra, "chat-web", first.path("refresh_token").asText());
            assertEquals(id, claims(refreshed).path("user_id").asLong(), "the refreshed token names the directory id");
        } finally {
            admin("DELETE", "/users/" + keycloakId, null);
        }
    }

    @Test
    void internalApisAnswerOnlyTheirCallersServiceTokens() {
        String alice = stack.token("alice");
        String gateway = DevTokens.gatewayServiceToken(stack.infra);
        String auth = DevTokens.authServiceToken(stack.infra);
        String history = stack.services.url(ServiceKind.MESSAGE) + "/internal/rooms/private_1_2/messages?after_seq=0";
        String membership = stack.services.url(ServiceKind.AUTH) + "/internal/private-rooms/private_1_2/members/1";
        String online = stack.services.url(ServiceKind.PRESENCE) + "/internal/users/presence";
        for (String api : List.of(history, membership, online)) {
            assertEquals(401, Api.get(api, null).statusCode(), "anonymous on " + api);
            assertEquals(401, Api.get(api, alice).statusCode(), "a user's token on " + api);
        }
        assertEquals(403, Api.get(history, auth).statusCode(), "auth-service may not read history");
        assertEquals(403, Api.get(online, gateway).statusCode(), "the gateway may not list presence");
        assertEquals(200, Api.get(history, gateway).statusCode());
        assertEquals(200, Api.get(online, auth).statusCode());
    }

    @Test
    void theServicesOwnCallsStillWork() {
        long aliceId = Api.json(Api.get(stack.gateway() + "/api/users/me", stack.token("alice"))).path("user_id")
                .asLong();
        long bobId = Api.json(Api.get(stack.gateway() + "/api/users/me", stack.token("bob"))).path("user_id").asLong();
        String room = "private_" + Math.min(aliceId, bobId) + "_" + Math.max(aliceId, bobId);
        // membership (gateway to auth-service), then history for resume (gateway to message-service)
        try (WsClient a = WsClient.connect(stack.wsUrl(stack.gateway(), "/ws/chat/private/" + room + "/"),
                stack.token("alice"))) {
            a.await("user_list");
            a.send(Map.of("type", "message", "message", "perimeter", "client_id", UUID.randomUUID().toString()));
            long seq = a.await("ack", f -> true, WAIT).path("seq").asLong();
            a.send(Map.of("type", "resume", "after_seq", seq - 1));
            assertEquals(seq, a.await("chat_message", m -> m.path("seq").asLong() == seq, WAIT).path("seq").asLong());
            // presence (auth-service to presence-service): alice is online in the directory while connected
            JsonNode users = Api.json(Api.get(stack.gateway() + "/api/users", stack.token("bob")));
            boolean aliceOnline = false;
            for (JsonNode user : users) {
                aliceOnline |= user.path("user_id").asLong() == aliceId && user.path("online").asBoolean();
            }
            assertTrue(aliceOnline, "the directory has presence-service's view: " + users);
        }
    }

    @Test
    void theFiftyFirstConnectionOfOneUserIsRefusedWhileTheFiftyWork() {
        String token = newUserToken("cap_");
        String ws = stack.wsUrl(stack.gateway(), "/ws/chat/" + SystemStack.randomRoom("cap") + "/");
        List<WsClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                open.add(WsClient.connect(ws, token));
            }
            assertEquals(429, WsClient.refusedStatus(ws, Map.of("Authorization", "Bearer " + token)), "the 51st");
            for (WsClient socket : open) {
                socket.send(Map.of("type", "ping"));
            }
            for (WsClient socket : open) {
                socket.await("pong");
                assertTrue(socket.isOpen());
            }
            open.remove(0).close();
            open.add(awaitAnswering(ws, token));
        } finally {
            open.forEach(WsClient::close);
        }
    }

    @Test
    void oneUsersConnectionsShareOneFrameBudget() {
        String token = stack.token("carol");
        String ws = stack.wsUrl(stack.gateway(), "/ws/chat/" + SystemStack.randomRoom("budget") + "/");
        List<WsClient> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                sockets.add(WsClient.connect(ws, token));
            }
            // 6 x 55 pings at once: within each connection's burst (60), far beyond the user's (120,
            // refilled at SystemStack.USER_FRAMES_PER_SECOND)
            for (int i = 0; i < 55; i++) {
                for (WsClient socket : sockets) {
                    socket.send(Map.of("type", "ping"));
                }
            }
            int pongs = 0;
            int limited = 0;
            for (WsClient socket : sockets) {
                pongs += socket.drain("pong", Duration.ofMillis(700)).size();
                limited += socket.drain("error", Duration.ofMillis(50)).stream()
                        .filter(f -> f.path("code").asText().equals("rate_limited")).count();
            }
            assertEquals(330, pongs + limited, "every frame answered");
            assertTrue(limited > 0 && pongs < 330, "pongs " + pongs + ", rate_limited " + limited);
        } finally {
            sockets.forEach(WsClient::close);
        }
    }

    @Test
    void aServiceWithoutItsSecretsRefusesToStart() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("java", "-Dquarkus.http.port=0",
                "-Dquarkus.management.enabled=false",
                "-jar", stack.layout.serviceJar("message-service").toString());
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("CHAT_"));
        java.nio.file.Path log = java.nio.file.Files.createTempFile("no-secrets", ".log");
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "it did not stop");
            String output = java.nio.file.Files.readString(log);
            assertTrue(process.exitValue() != 0 && output.contains("chat.required-secrets.database-password"), output);
        } finally {
            process.destroyForcibly();
            java.nio.file.Files.deleteIfExists(log);
        }
    }

    /** The socket's close reaches the gateway a moment after the client sent it. */
    @Test
    void theConnectionCapAndTheFrameBudgetHoldForTheUserAcrossGateways() {
        String token = newUserToken("span_");
        String room = SystemStack.randomRoom("span");
        String first = stack.wsUrl(stack.gateway(), "/ws/chat/" + room + "/");
        String second = stack.wsUrl(stack.secondGateway(), "/ws/chat/" + room + "/");
        List<WsClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(WsClient.connect(first, token));
            }
            // one gateway holds the user: its three sockets share the whole budget (burst 120)
            assertEquals(0, rateLimitedOf(open, 40), "120 frames within the user's burst");
            for (int i = 3; i < 50; i++) {
                open.add(WsClient.connect(i % 2 == 0 ? first : second, token));
            }
            assertEquals(429, WsClient.refusedStatus(second, Map.of("Authorization", "Bearer " + token)),
                    "the 51st, on gateway 2");
            assertEquals(429, WsClient.refusedStatus(first, Map.of("Authorization", "Bearer " + token)),
                    "the 51st, on gateway 1");
            // two gateways hold the user: once the first renewed its lease, its three sockets get half the budget
            sleep(SystemStack.USER_LEASE_SECONDS * 1000L / 3 + 1500);
            int refused = rateLimitedOf(open.subList(0, 3), 40);
            assertTrue(refused >= 30,
                    "gateway 1 enforces its half of the user's burst of 120: " + refused + " of 120 refused");
            open.remove(open.size() - 1).close(); // a socket of gateway 2 (i = 49) frees a place for either gateway
            open.add(awaitAnswering(first, token));
        } finally {
            open.forEach(WsClient::close);
        }
    }

    /** Sends {@code each} pings on every socket at once; how many were refused as rate_limited. */
    private static int rateLimitedOf(List<WsClient> sockets, int each) {
        for (int i = 0; i < each; i++) {
            for (WsClient socket : sockets) {
                socket.send(Map.of("type", "ping"));
            }
        }
        int refused = 0;
        for (WsClient socket : sockets) {
            int pongs = socket.drain("pong", Duration.ofSeconds(1)).size();
            List<JsonNode> errors = socket.drain("error", Duration.ofMillis(100));
            errors.forEach(e -> assertEquals("rate_limited", e.path("code").asText(), e.toString()));
            assertEquals(each, pongs + errors.size(), "every ping answered once");
            refused += errors.size();
        }
        return refused;
    }

    /** Signs up a new user and returns an access token of theirs. */
    private static String newUserToken(String prefix) {
        String name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        HttpResponse<String> signup = Api.post(stack.gateway() + "/api/signup", null,
                "{\"username\":\"" + name + "\",\"password\":\"cap-password-42\"}");
        assertEquals(201, signup.statusCode(), signup.body());
        return DevTokens.accessToken(stack.infra, name, "cap-password-42");
    }

    /** A socket accepted once a place is free, and answering a ping. */
    private static WsClient awaitAnswering(String ws, String token) {
        WsClient socket = awaitAccepted(ws, token);
        socket.send(Map.of("type", "ping"));
        socket.await("pong");
        return socket;
    }

    private static WsClient awaitAccepted(String ws, String token) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                return WsClient.connect(ws, token);
            } catch (RuntimeException refused) {
                if (System.nanoTime() > deadline) {
                    throw refused;
                }
                sleep(100);
            }
        }
    }

    /** The token with its payload changed (a user_id of someone else) and the signature kept. */
    private static String forged(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replaceFirst(
                "\"preferred_username\":\"[^\"]+\"",
                "\"preferred_username\":\"bob\",\"user_id\":2");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "."
                + parts[2];
    }

    private static JsonNode claims(String token) {
        try {
            return WsClient.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Keycloak user created through the admin API, as an administrator would, with no user_id yet. */
    private static String createKeycloakUser(String name) {
        HttpResponse<String> created = admin("POST", "/users", """
                {"username":"%s","enabled":true,"email":"%s@perimeter.local","emailVerified":true,
                 "firstName":"P","lastName":"T","credentials":[{"type":"password","value":"%s","temporary":false}]}"""
                .formatted(name, name, DevTokens.PASSWORD));
        assertEquals(201, created.statusCode(), created.body());
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static HttpResponse<String> admin(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest
                .newBuilder(URI.create(stack.infra.keycloakUrl() + "/admin/realms/chat" + path))
                .header("Authorization", "Bearer " + DevTokens.authServiceToken(stack.infra))
                .header("Content-Type", "application/json")
                .method(method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return Api.send(request.build());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
