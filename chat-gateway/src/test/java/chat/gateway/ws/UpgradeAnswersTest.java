package chat.gateway.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import chat.stack.DevTokens;
import chat.stack.test.AuthServiceStub;
import chat.stack.test.StackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.inject.Inject;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.vertx.core.http.UpgradeRejectedException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The gateway's answers to WebSocket upgrades, driven by a real client (websockets-next's
 * {@link BasicWebSocketConnector}) with real Keycloak tokens: 400, 401, 403 (Origin and
 * membership), 404, 429 and 503, a socket that opens and answers a ping, and the browser login's redirect.
 */
@QuarkusTest
@QuarkusTestResource(StackTestResource.class)
@QuarkusTestResource(value = AuthServiceStub.class, initArgs = @ResourceArg(name = "strangers", value = "unavailable"))
@QuarkusTestResource(UpgradeAnswersTest.TwoConnections.class)
class UpgradeAnswersTest {

    @TestHTTPResource("/")
    URI base;

    /** At most two connections per user, so that the third shows the 429. */
    public static class TwoConnections implements io.quarkus.test.common.QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            return Map.of("chat.gateway.max-connections-per-user", "2");
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void anOpenSocketAnswersPing() throws InterruptedException {
        LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocketClientConnection socket = connector(token("alice"), "/ws/chat/" + room())
                .onTextMessage((connection, text) -> frames.add(text)).connectAndAwait();
        try {
            socket.sendTextAndAwait("{\"type\":\"ping\"}");
            String pong = null;
            for (String frame = frames.poll(20, TimeUnit.SECONDS); frame != null; frame = frames.poll(20,
                    TimeUnit.SECONDS)) {
                if (frame.contains("\"pong\"")) {
                    pong = frame;
                    break;
                }
            }
            assertEquals("{\"type\":\"pong\"}", pong);
        } finally {
            socket.closeAndAwait();
        }
    }

    @Inject
    OpenConnections openConnections;

    @Test
    void anOpenSocketKeepsNeitherTheTokenNorHeadersItNeverReads() {
        String room = room();
        WebSocketClientConnection socket = connector(token("alice"), "/ws/chat/" + room)
                .addHeader("User-Agent", "upgrade-headers-test").connectAndAwait();
        try {
            List<WebSocketConnection> mine = openConnections.stream()
                    .filter(c -> room.equals(c.pathParam("room"))).toList();
            assertEquals(1, mine.size(), "the socket just opened");
            HandshakeRequest kept = mine.get(0).handshakeRequest();
            assertNull(kept.header("Authorization"), "the verified token is not kept");
            assertNull(kept.header("User-Agent"));
            assertNotNull(kept.header(HandshakeRequest.SEC_WEBSOCKET_KEY), "what the handshake reads stays");
        } finally {
            socket.closeAndAwait();
        }
    }

    @Test
    void theBrowserLoginStillRedirectsToKeycloak() {
        // the REST services' JSON 401 mappers are switched off here (chat.rest.error-mappers=false)
        String location = io.restassured.RestAssured.given().baseUri(base.toString()).redirects().follow(false)
                .get("/login").then().statusCode(302).extract().header("Location");
        org.junit.jupiter.api.Assertions.assertTrue(location.contains("/protocol/openid-connect/auth"), location);
    }

    @Test
    void withoutCredentials401() {
        assertRefused(401, BasicWebSocketConnector.create().baseUri(base).path("/ws/chat/" + room()));
    }

    @Test
    void aForgedOrTamperedToken401() {
        assertRefused(401, connector("not.a.token", "/ws/chat/" + room()));
        String token = token("alice");
        String tampered = token.substring(0, token.length() - 6) + (token.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
        assertRefused(401, connector(tampered, "/ws/chat/" + room()));
    }

    @Test
    void aTokenInTheQueryString401() {
        assertRefused(401, connector(token("alice"), "/ws/chat/" + room() + "?access_token=x"));
    }

    @Test
    void aForeignOrigin403() {
        assertRefused(403, connector(token("alice"), "/ws/chat/" + room()).addHeader("Origin", "https://evil.example"));
    }

    @Test
    void aMalformedRoomName400() {
        assertRefused(400, connector(token("alice"), "/ws/chat/" + "r".repeat(65)));
        assertRefused(400, connector(token("alice"), "/ws/chat/private_2_1"));
    }

    @Test
    void aPrivateRoomOfOthers403() {
        long others = AuthServiceStub.BOB_ID + 10;
        assertRefused(403,
                connector(token("alice"), "/ws/chat/private/private_" + AuthServiceStub.BOB_ID + "_" + others));
    }

    @Test
    void aPrivateRoomWithAnUnknownUser404() {
        assertRefused(404, connector(token("alice"), "/ws/chat/private/private_" + AuthServiceStub.ALICE_ID + "_"
                + (AuthServiceStub.BOB_ID + 1000)));
    }

    @Test
    void theMembersOfAPrivateRoomGetIn() {
        WebSocketClientConnection socket = connector(token("bob"), "/ws/chat/private/" + AuthServiceStub.aliceAndBob())
                .connectAndAwait();
        socket.closeAndAwait();
    }

    @Test
    void theDirectoryUnavailable503() {
        assertRefused(503,
                connector(DevTokens.tokenWithoutUserId(StackTestResource.infra, "carol"), "/ws/chat/" + room()));
    }

    @Test
    void theConnectionAfterTheUsersLimit429() {
        String token = token("bob");
        List<WebSocketClientConnection> open = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                open.add(connector(token, "/ws/chat/" + room()).connectAndAwait());
            }
            assertRefused(429, connector(token, "/ws/chat/" + room()));
        } finally {
            open.forEach(WebSocketClientConnection::closeAndAwait);
        }
    }

    /** A token without the {@code user_id} claim, so the gateway asks the (stub) directory who it is. */
    private static String token(String username) {
        return DevTokens.tokenWithoutUserId(StackTestResource.infra, username);
    }

    private static String room() {
        return "upgrade-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private BasicWebSocketConnector connector(String token, String path) {
        return BasicWebSocketConnector.create().baseUri(base).path(path).addHeader("Authorization", "Bearer " + token);
    }

    private static void assertRefused(int status, BasicWebSocketConnector connector) {
        try {
            WebSocketClientConnection socket = connector.connectAndAwait();
            socket.closeAndAwait();
            fail("the upgrade was admitted; expected " + status);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof UpgradeRejectedException rejected) {
                    assertEquals(status, rejected.getStatus());
                    return;
                }
            }
            throw e;
        }
    }
}
