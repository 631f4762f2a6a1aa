package chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.stack.ServiceKind;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * One message is one trace: the gateway's command entry and the room event message-service
 * publishes for it carry W3C {@code traceparent} fields of the same trace (read with XREVRANGE on
 * the real Redis; the test stack runs the OpenTelemetry SDK sampled off, so contexts propagate
 * and nothing is exported). A malformed {@code traceparent} is ignored, never fatal.
 */
class TraceContextSystemTest {

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final SystemStack stack = SystemStack.get();

    @Test
    void aMessagesCommandAndItsEventCarryTheSameTrace() throws Exception {
        String room = SystemStack.randomRoom("trace");
        String clientId = UUID.randomUUID().toString();
        try (WsClient alice = stack.connect(stack.gateway(), "alice", room);
                StreamEntries redis = new StreamEntries(stack.infra.adminRedisUrl())) {
            alice.await("user_list");
            alice.send(Map.of("type", "message", "message", "traced", "client_id", clientId));
            alice.await("chat_message", f -> clientId.equals(f.path("client_id").asText()), WAIT);

            Map<String, String> command = find(redis, commandStream(room), e -> e.get("body").contains(clientId));
            Map<String, String> event = find(redis, eventStream(room), e -> "chat_message".equals(e.get("type"))
                    && e.get("frame").contains(clientId));
            String sent = command.get("traceparent");
            String stored = event.get("traceparent");
            assertTrue(sent != null && TRACEPARENT.matcher(sent).matches(), "command entry: " + command);
            assertTrue(stored != null && TRACEPARENT.matcher(stored).matches(), "event entry: " + event);
            assertEquals(traceId(sent), traceId(stored), "one message, one trace");
            assertNotEquals(sent.substring(36, 52), stored.substring(36, 52),
                    "message-service's own span continues it");
        }
    }

    @Test
    void aMalformedTraceparentIsIgnoredAndTheMessageStillStored() throws Exception {
        String room = SystemStack.randomRoom("badtrace");
        String probe = UUID.randomUUID().toString();
        try (WsClient alice = stack.connect(stack.gateway(), "alice", room);
                StreamEntries admin = new StreamEntries(stack.infra.adminRedisUrl());
                StreamEntries gateway = new StreamEntries(stack.infra.redisUrl(ServiceKind.GATEWAY))) {
            alice.await("user_list");
            alice.send(Map.of("type", "message", "message", "template", "client_id", probe));
            alice.await("chat_message", f -> probe.equals(f.path("client_id").asText()), WAIT);
            Map<String, String> template = find(admin, commandStream(room), e -> e.get("body").contains(probe));
            for (String malformed : List.of("garbage", "00-" + "0".repeat(32) + "-" + "0".repeat(16) + "-01",
                    "00-ABCDEF" + "0".repeat(26) + "-0123456789abcdef-01", "x".repeat(5000))) {
                String clientId = UUID.randomUUID().toString();
                ObjectNode body = (ObjectNode) WsClient.JSON.readTree(template.get("body"));
                body.put("clientId", clientId).put("idempotencyKey", "c:" + clientId).put("text", "with a bad trace");
                Map<String, String> forged = new LinkedHashMap<>(template);
                forged.put("body", body.toString());
                forged.put("traceparent", malformed);
                gateway.add(commandStream(room), forged); // as a gateway would write it
                alice.await("chat_message", f -> clientId.equals(f.path("client_id").asText()), WAIT);
                Map<String, String> event = find(admin, eventStream(room), e -> "chat_message".equals(e.get("type"))
                        && e.get("frame").contains(clientId));
                String traceparent = event.get("traceparent");
                assertTrue(traceparent != null && TRACEPARENT.matcher(traceparent).matches()
                        && !traceparent.startsWith("00-" + "0".repeat(32)), "a trace of its own: " + event);
            }
        }
    }

    private static Map<String, String> find(StreamEntries redis, String key,
            java.util.function.Predicate<Map<String, String>> matching) {
        return Awaitility.await().atMost(WAIT).until(() -> {
            Optional<Map<String, String>> found = Optional.empty();
            for (Map<String, String> entry : redis.latest(key, 5000)) {
                if (matching.test(entry)) {
                    found = Optional.of(entry);
                    break;
                }
            }
            return found;
        }, Optional::isPresent).get();
    }

    private static String traceId(String traceparent) {
        return traceparent.substring(3, 35);
    }

    /** The room's message-command partition (8 partitions, as for the events). */
    private static String commandStream(String room) {
        return stack.services.streamPrefix() + ":{messages:" + EventPartitionsSystemTest.partition(room) + "}:in";
    }

    private static String eventStream(String room) {
        return stack.services.streamPrefix() + ":{events:" + EventPartitionsSystemTest.partition(room) + "}:out";
    }
}
