package chat.gateway.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.stack.DevTokens;
import chat.stack.test.AuthServiceStub;
import chat.stack.test.StackTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The gateway's load shedding with a bound of two frames in flight and nobody consuming the
 * message streams (no message-service here, so no answer ever comes): the frames past the bound
 * are answered {@code unavailable} at once, the two under it when their wait runs out, and every
 * frame gets exactly one answer carrying its {@code client_id}. Then the bound is free again.
 */
@QuarkusTest
@QuarkusTestResource(StackTestResource.class)
@QuarkusTestResource(value = AuthServiceStub.class, initArgs = @ResourceArg(name = "strangers", value = "unavailable"))
@QuarkusTestResource(LoadSheddingTest.TwoInFlight.class)
class LoadSheddingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    /** A fixed bound of two frames, and a short wait for answers. */
    public static class TwoInFlight implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            return Map.of("chat.gateway.in-flight.initial-limit", "2",
                    "chat.gateway.in-flight.min-limit", "2",
                    "chat.gateway.in-flight.max-limit", "2",
                    "chat.gateway.answer-timeout", "2s");
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void framesPastTheBoundAreAnsweredAtOnceAndEveryFrameOnce() throws Exception {
        LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        String token = DevTokens.tokenWithoutUserId(StackTestResource.infra, "alice");
        WebSocketClientConnection socket = BasicWebSocketConnector.create().baseUri(base)
                .path("/ws/chat/shed-" + UUID.randomUUID().toString().substring(0, 8))
                .addHeader("Authorization", "Bearer " + token)
                .onTextMessage((connection, text) -> frames.add(text)).connectAndAwait();
        try {
            long sent = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                socket.sendTextAndAwait(
                        "{\"type\":\"message\",\"message\":\"m" + i + "\",\"client_id\":\"c" + i + "\"}");
            }
            Map<String, JsonNode> answers = new HashMap<>();
            Map<String, Long> answeredAfterMillis = new HashMap<>();
            while (answers.size() < 5) {
                String frame = frames.poll(20, TimeUnit.SECONDS);
                assertNotNull(frame, "every message frame is answered; answered so far: " + answers.keySet());
                JsonNode node = JSON.readTree(frame);
                if (!"error".equals(node.path("type").asText())) {
                    continue; // user_list and the like
                }
                String clientId = node.path("client_id").asText();
                assertEquals(null, answers.put(clientId, node), "one answer per frame: " + clientId);
                answeredAfterMillis.put(clientId, (System.nanoTime() - sent) / 1_000_000);
            }
            for (JsonNode answer : answers.values()) {
                assertEquals("unavailable", answer.path("code").asText());
            }
            // c0 and c1 took the bound and waited their 2 s; c2..c4 were refused without a wait
            for (String shed : new String[]{"c2", "c3", "c4"}) {
                assertTrue(answers.get(shed).path("reason").asText().contains("overloaded"), answers.get(shed)
                        .toString());
            }
            for (String waited : new String[]{"c0", "c1"}) {
                assertTrue(answeredAfterMillis.get(waited) >= 1_900, waited + " was answered when its wait ran out, "
                        + "not before: " + answeredAfterMillis.get(waited) + " ms");
                assertTrue(answers.get(waited).path("reason").asText().contains("in time"),
                        answers.get(waited).toString());
            }

            // the expired frames gave their permits back: the next frame is taken again (and waits)
            socket.sendTextAndAwait("{\"type\":\"message\",\"message\":\"again\",\"client_id\":\"c5\"}");
            assertTrue(frames.poll(1, TimeUnit.SECONDS) == null, "a frame under the bound is not refused at once");
        } finally {
            socket.closeAndAwait();
        }
    }
}
