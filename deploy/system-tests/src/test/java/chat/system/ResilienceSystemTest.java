package chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.stack.Infrastructure;
import chat.stack.Processes;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Crashes while messages flow: message-service killed with SIGKILL, and Redis killed with
 * SIGKILL, each restarted. A client that re-sends what was not acknowledged (with the same
 * client_id, as a real client does) ends with every message stored exactly once, and a
 * watcher sees seq 1..n once each, in order (live, with gaps filled, or through resume).
 */
class ResilienceSystemTest {

    private static final int MESSAGES = 120;
    private static final SystemStack stack = SystemStack.get();

    @Test
    void killedMessageServiceLosesAndDuplicatesNothing() throws Exception {
        runThroughCrash(crashAt -> {
            stack.services.kill(stack.layout, "message");
            sleep(2000);
            stack.services.start(stack.layout);
        });
    }

    @Test
    void killedRedisLosesAndDuplicatesNothing() throws Exception {
        runThroughCrash(crashAt -> {
            Processes.recorded(stack.layout, "redis").ifPresent(ProcessHandle::destroyForcibly);
            sleep(2000);
            Infrastructure.ensureRunning();
        });
    }

    @Test
    void readPointerSurvivesARestartOfMessageService() {
        String room = SystemStack.randomRoom("pointer");
        try (WsClient alice = stack.connect(stack.gateway(), "alice", room);
                WsClient bob = stack.connect(stack.gateway(), "bob", room)) {
            bob.await("user_list", f -> f.path("users").toString().contains("bob"), Duration.ofSeconds(20));
            long[] ids = new long[3];
            for (int i = 0; i < 3; i++) {
                alice.send(Map.of("type", "message", "message", "p" + i, "client_id", "p" + i));
                ids[i] = alice.await("ack").path("message_id").asLong();
            }
            bob.send(Map.of("type", "message_read", "message_id", ids[1]));
            alice.await("message_read", f -> f.path("message_id").asLong() == ids[1], Duration.ofSeconds(20));

            stack.services.kill(stack.layout, "message");
            stack.services.start(stack.layout);

            bob.send(Map.of("type", "message_read", "message_id", ids[0]));
            assertTrue(alice.drain("message_read", Duration.ofSeconds(2)).isEmpty(), "the stored pointer is ahead");
            JsonNode history = Api
                    .json(Api.get(stack.gateway() + "/api/rooms/" + room + "/messages", stack.token("alice")));
            List<Long> readBy = new ArrayList<>();
            history.path("messages").forEach(m -> readBy.add(m.path("read_by").asLong()));
            assertEquals(List.of(1L, 1L, 0L), readBy, "double tick up to the second message: " + history);
            assertEquals("bob", history.path("read_pointers").get(0).path("username").asText());
        }
    }

    private void runThroughCrash(Consumer<Integer> crash) throws Exception {
        String room = SystemStack.randomRoom("crashproof");
        Map<String, Long> acked = new ConcurrentHashMap<>();
        WsClient sender = stack.connect(stack.gateway(), "alice", room);
        WsClient watcher = stack.connect(stack.secondGateway(), "bob", room);
        watcher.await("user_list", f -> f.path("users").toString().contains("bob"), Duration.ofSeconds(20));
        try {
            for (int i = 0; i < MESSAGES; i++) {
                if (i == MESSAGES / 2) {
                    crash.accept(i);
                }
                send(sender, i);
                sleep(60);
                collectAcks(sender, acked);
            }
            // re-send what was not acknowledged, as a client does after an outage
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (acked.size() < MESSAGES && System.nanoTime() < deadline) {
                collectAcks(sender, acked);
                if (!sender.isOpen()) {
                    sender = stack.connect(stack.gateway(), "alice", room);
                }
                for (int i = 0; i < MESSAGES; i++) {
                    if (!acked.containsKey("m-" + i)) {
                        send(sender, i);
                        sleep(60);
                    }
                }
                sleep(2000);
                collectAcks(sender, acked);
            }
            assertEquals(MESSAGES, acked.size(), "every message acknowledged in the end");
            assertEquals(MESSAGES, new LinkedHashSet<>(acked.values()).size(), "one message id per client_id");

            JsonNode history = Api
                    .json(Api.get(stack.gateway() + "/api/rooms/" + room + "/messages?limit=200", stack.token("bob")));
            List<Long> seqs = new ArrayList<>();
            Set<String> clientIds = new LinkedHashSet<>();
            history.path("messages").forEach(m -> {
                seqs.add(m.path("seq").asLong());
                clientIds.add(m.path("client_id").asText());
            });
            assertEquals(MESSAGES, seqs.size(), "stored exactly once each");
            assertEquals(MESSAGES, clientIds.size());
            for (int i = 0; i < seqs.size(); i++) {
                assertEquals(i + 1, seqs.get(i));
            }

            // the watcher: whatever it got live, in order and once; a resume brings the rest
            List<Long> live = new ArrayList<>();
            watcher.drain("chat_message", Duration.ofSeconds(2)).forEach(m -> live.add(m.path("seq").asLong()));
            for (int i = 1; i < live.size(); i++) {
                assertTrue(live.get(i) > live.get(i - 1), "live delivery in seq order, once: " + live);
            }
            if (!watcher.isOpen()) {
                watcher = stack.connect(stack.secondGateway(), "bob", room);
            }
            long last = live.isEmpty() ? 0 : live.get(live.size() - 1);
            watcher.send(Map.of("type", "resume", "after_seq", last));
            List<Long> all = new ArrayList<>(live);
            for (JsonNode m : watcher.messages(MESSAGES - (int) last, Duration.ofSeconds(20))) {
                all.add(m.path("seq").asLong());
            }
            assertEquals(MESSAGES, all.get(all.size() - 1));
            System.out.printf("resilience: %d of %d messages reached the watcher live, the rest through resume%n",
                    live.size(), MESSAGES);
        } finally {
            sender.close();
            watcher.close();
        }
    }

    private static void send(WsClient client, int i) {
        try {
            client.send(Map.of("type", "message", "message", "n" + i, "client_id", "m-" + i));
        } catch (RuntimeException e) {
            // socket closed by the outage: the re-send loop reconnects
        }
    }

    private static void collectAcks(WsClient client, Map<String, Long> acked) {
        for (JsonNode ack : client.drain("ack", Duration.ofMillis(1))) {
            acked.put(ack.path("client_id").asText(), ack.path("message_id").asLong());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
