package chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.stack.ServiceKind;
import chat.stack.ServiceSet;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fan-out partitioned by room, with two gateways: a gateway reads only the partitions of
 * the rooms it has connections in, so a room's traffic on gateway 1 costs gateway 2 no read at
 * all; and the first connection of a partition misses nothing published once it joined.
 */
class EventPartitionsSystemTest {

    /** chat.streams.event-partitions, the default the test stack runs with. */
    private static final int PARTITIONS = 8;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static SystemStack stack;

    @BeforeAll
    static void startSystem() {
        stack = SystemStack.get();
    }

    @Test
    void eventsOfARoomOnlyOnGatewayOneCostGatewayTwoNothing() {
        String roomOn2 = SystemStack.randomRoom("only-gw2");
        Set<Integer> readBy2 = partitionsRead(stack.secondGateway());
        String roomOn1;
        do { // a partition gateway 2 has no reason to read
            roomOn1 = SystemStack.randomRoom("only-gw1");
        } while (partition(roomOn1) == partition(roomOn2) || readBy2.contains(partition(roomOn1)));
        String only1 = "partition=\"" + partition(roomOn1) + "\"";
        String only2 = "partition=\"" + partition(roomOn2) + "\"";
        String metrics1 = ServiceSet.managementUrl(stack.services.port(ServiceKind.GATEWAY)) + "/q/metrics";
        String metrics2 = ServiceSet.managementUrl(stack.services.secondGatewayPort()) + "/q/metrics";
        double read1Before = eventsRead(metrics1, only1);
        double read2Before = eventsRead(metrics2, only1);
        double read2OwnBefore = eventsRead(metrics2, only2);

        int sent = 20;
        try (WsClient alice = WsClient.connect(stack.wsUrl(stack.gateway(), "/ws/chat/" + roomOn1 + "/"),
                stack.token("alice"));
                WsClient bob = WsClient.connect(stack.wsUrl(stack.secondGateway(), "/ws/chat/" + roomOn2 + "/"),
                        stack.token("bob"))) {
            alice.await("user_list");
            bob.await("user_list");
            for (int i = 0; i < sent; i++) {
                alice.send(Map.of("type", "message", "message", "only on gateway 1: " + i, "client_id", "p1-" + i));
            }
            assertEquals(sent, alice.messages(sent, WAIT).size());
            bob.send(Map.of("type", "message", "message", "only on gateway 2", "client_id", "p2-0"));
            bob.messages(1, WAIT);

            Set<Integer> readNow = partitionsRead(stack.secondGateway());
            assertTrue(readNow.contains(partition(roomOn2)), "gateway 2 reads its room's partition: " + readNow);
            assertFalse(readNow.contains(partition(roomOn1)), "gateway 2 does not read the other one: " + readNow);
        }
        // messages (each carrying its sender's ack) and user lists: all read by gateway 1, none by gateway 2
        System.out.printf("event partition %d: gateway 1 read %.0f entries, gateway 2 read %.0f%n", partition(roomOn1),
                eventsRead(metrics1, only1) - read1Before, eventsRead(metrics2, only1) - read2Before);
        double read1 = eventsRead(metrics1, only1) - read1Before;
        assertTrue(read1 >= sent, "gateway 1 read its room's events");
        assertTrue(read1 < 2 * sent, "one entry per message, its ack riding on it: " + read1);
        assertEquals(read2Before, eventsRead(metrics2, only1), "gateway 2 read nothing of gateway 1's room");
        assertTrue(eventsRead(metrics2, only2) > read2OwnBefore, "gateway 2 read its own room's events");
    }

    @Test
    void theFirstConnectionOfAPartitionMissesNothingPublishedAfterItJoined() {
        // one fresh room per partition gateway 2 is not reading: each connection adds its partition,
        // sends at once, and must get its user list, its message and the message's ack
        Set<Integer> readBy2 = partitionsRead(stack.secondGateway());
        Set<Integer> tried = new HashSet<>();
        while (tried.size() < PARTITIONS - readBy2.size()) {
            String room = SystemStack.randomRoom("first-in-partition");
            int p = partition(room);
            if (readBy2.contains(p) || !tried.add(p)) {
                continue;
            }
            try (WsClient carol = WsClient.connect(stack.wsUrl(stack.secondGateway(), "/ws/chat/" + room + "/"),
                    stack.token("carol"))) {
                carol.send(Map.of("type", "message", "message", "first in partition " + p, "client_id", "first-" + p));
                JsonNode ack = carol.await("ack", f -> ("first-" + p).equals(f.path("client_id").asText()), WAIT);
                assertTrue(ack.path("message_id").asLong() > 0, ack.toString());
                assertEquals("first in partition " + p, carol.messages(1, WAIT).get(0).path("message").asText());
                carol.await("user_list", f -> f.path("users").toString().contains("carol"), WAIT);
            }
        }
        assertFalse(tried.isEmpty(), "some partition was added");
    }

    /** The partitions a gateway reads now, from its readiness data. */
    private static Set<Integer> partitionsRead(String gateway) {
        try {
            JsonNode ready = WsClient.JSON.readTree(Api.get(gateway + "/q/health/ready", null).body());
            for (JsonNode check : ready.path("checks")) {
                if ("room-event-stream".equals(check.path("name").asText())) {
                    Set<Integer> read = new HashSet<>();
                    String list = check.path("data").path("partitions").asText().replaceAll("[\\[\\] ]", "");
                    for (String p : list.isEmpty() ? new String[0] : list.split(",")) {
                        read.add(Integer.parseInt(p));
                    }
                    return read;
                }
            }
            throw new AssertionError("no room-event-stream check: " + ready);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double eventsRead(String metricsUrl, String labels) {
        return ObservabilitySystemTest.value(Api.get(metricsUrl, null).body(), "chat_events_read_total", labels);
    }

    /** The room's partition: CRC-32 of its name modulo the partitions, as the services compute it. */
    static int partition(String room) {
        CRC32 crc = new CRC32();
        crc.update(room.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % PARTITIONS);
    }
}
