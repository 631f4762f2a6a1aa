package chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.stack.ServiceKind;
import chat.stack.ServiceSet;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The gateway's fan-out hot path end to end: every connection of a room gets every message once
 * and in seq order while other connections join and leave the room, the frames went out as one
 * shared pre-encoded buffer (the socket tuning hook worked: counted, none failed, readiness up).
 */
class FanOutSystemTest {

    private static final int PER_SENDER = 40;
    private static final SystemStack stack = SystemStack.get();

    @Test
    void everyConnectionGetsEveryMessageOnceInOrderWhileOthersJoinAndLeave() throws Exception {
        String metricsUrl = ServiceSet.managementUrl(stack.services.port(ServiceKind.GATEWAY)) + "/q/metrics";
        double sharedBefore = ObservabilitySystemTest.value(Api.get(metricsUrl, null).body(),
                "chat_frames_shared_written_total", "");
        String room = SystemStack.randomRoom("fanout");
        String url = stack.wsUrl(stack.gateway(), "/ws/chat/" + room + "/");
        List<WsClient> listeners = new ArrayList<>();
        for (String user : List.of("alice", "bob", "carol", "alice", "bob", "carol")) {
            listeners.add(WsClient.connect(url, stack.token(user)));
        }
        try (WsClient alice = WsClient.connect(url, stack.token("alice"));
                WsClient bob = WsClient.connect(url, stack.token("bob"))) {
            AtomicBoolean sending = new AtomicBoolean(true);
            CompletableFuture<Integer> churn = CompletableFuture.supplyAsync(() -> {
                int visits = 0;
                while (sending.get() || visits < 5) {
                    try (WsClient visitor = WsClient.connect(url, stack.token("carol"))) {
                        visitor.await("user_list");
                        visits++;
                    }
                }
                return visits;
            });
            for (int i = 0; i < PER_SENDER; i++) {
                alice.send(Map.of("type", "message", "message", "a" + i, "client_id", "fan-a-" + i));
                bob.send(Map.of("type", "message", "message", "b" + i, "client_id", "fan-b-" + i));
            }
            for (WsClient listener : listeners) {
                assertOnceInOrder(listener.messages(2 * PER_SENDER, Duration.ofSeconds(60)));
            }
            sending.set(false);
            assertTrue(churn.get() >= 5, "connections joined and left during the run");
        } finally {
            listeners.forEach(WsClient::close);
        }
        String metrics = Api.get(metricsUrl, null).body();
        assertTrue(ObservabilitySystemTest.value(metrics, "chat_frames_shared_written_total", "")
                - sharedBefore >= listeners.size() * 2 * PER_SENDER, "room frames went out as shared buffers");
        assertEquals(0.0, ObservabilitySystemTest.value(metrics, "chat_socket_tuning_failed_total", ""));
        var ready = Api.get(stack.gateway() + "/q/health/ready", null);
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("socket tuning"), ready.body());
    }

    /** Consecutive seqs, no client_id twice, each sender's messages in the order it sent them. */
    private static void assertOnceInOrder(List<JsonNode> messages) {
        Set<String> clientIds = new HashSet<>();
        int nextA = 0;
        int nextB = 0;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            if (i > 0) {
                assertEquals(messages.get(i - 1).path("seq").asLong() + 1, m.path("seq").asLong(), "seq order, no gap");
            }
            String clientId = m.path("client_id").asText();
            assertTrue(clientIds.add(clientId), "once: " + clientId);
            if (clientId.startsWith("fan-a-")) {
                assertEquals("fan-a-" + nextA++, clientId);
            } else {
                assertEquals("fan-b-" + nextB++, clientId);
            }
        }
        assertEquals(PER_SENDER, nextA);
        assertEquals(PER_SENDER, nextB);
    }
}
