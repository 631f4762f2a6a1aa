package chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A gateway stopped as Kubernetes stops it (SIGTERM): its clients are closed with 1012, their
 * users leave the room at once (not after the presence TTL), the process exits within the grace
 * period, and a client that reconnects to the other gateway and resumes misses no message and
 * sees none twice. The stopped instance is started again afterwards.
 */
class GatewayDrainSystemTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The pods' terminationGracePeriodSeconds. */
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final SystemStack stack = SystemStack.get();

    @Test
    void sigtermClosesWith1012AndClientsResumeElsewhereWithoutAGap() {
        String room = SystemStack.randomRoom("drain");
        String path = "/ws/chat/" + room + "/";
        AtomicReference<CompletableFuture<Duration>> stopping = new AtomicReference<>(
                CompletableFuture.completedFuture(Duration.ZERO));
        try (WsClient bob = WsClient.connect(stack.wsUrl(stack.gateway(), path), stack.token("bob"))) {
            bob.await("user_list", f -> f.path("users").toString().contains("bob"), WAIT);
            WsClient carol = WsClient.connect(stack.wsUrl(stack.secondGateway(), path), stack.token("carol"));
            bob.await("user_list", f -> f.path("users").toString().contains("carol"), WAIT);
            for (int i = 1; i <= 3; i++) {
                bob.send(Map.of("type", "message", "message", "before " + i, "client_id", "b-" + i));
            }
            long lastSeq = carol.messages(3, WAIT).get(2).path("seq").asLong();

            long stoppedAt = System.nanoTime();
            stopping.set(CompletableFuture.supplyAsync(
                    () -> stack.services.terminate(stack.layout, "gateway-2", GRACE.plusSeconds(10))));
            Awaitility.await().atMost(WAIT).until(() -> carol.closeStatus() != -1);
            assertEquals(1012, carol.closeStatus(), "closed as 'service restart: reconnect and resume'");
            // while carol is away, the room goes on
            for (int i = 4; i <= 6; i++) {
                bob.send(Map.of("type", "message", "message", "during " + i, "client_id", "b-" + i));
            }
            JsonNode list = bob.await("user_list", f -> !f.path("users").toString().contains("carol"), WAIT);
            double offlineAfter = (System.nanoTime() - stoppedAt) / 1e9;
            assertTrue(offlineAfter < 15,
                    "carol left at the drain, not after the 30 s presence TTL: " + offlineAfter + " s");
            assertTrue(list.path("users").toString().contains("bob"));
            Duration exit = stopping.get().join();
            System.out.printf("drain: 1012 received, user offline after %.1f s, process exited after %d ms%n",
                    offlineAfter, exit.toMillis());
            assertTrue(exit.compareTo(GRACE) < 0, "exited within the grace period: " + exit);

            try (WsClient back = WsClient.connect(stack.wsUrl(stack.gateway(), path), stack.token("carol"))) {
                back.await("user_list", f -> f.path("users").toString().contains("carol"), WAIT);
                back.send(Map.of("type", "resume", "after_seq", lastSeq));
                List<Long> seqs = new ArrayList<>();
                for (JsonNode m : back.messages(3, WAIT)) {
                    seqs.add(m.path("seq").asLong());
                }
                assertEquals(List.of(lastSeq + 1, lastSeq + 2, lastSeq + 3), seqs, "resumed with no gap, in order");
                assertTrue(back.drain("chat_message", Duration.ofSeconds(1)).isEmpty(), "nothing twice");
            }
        } finally {
            stopping.get().handle((took, failure) -> took).join(); // never start it again while the old one still exits
            stack.services.start(stack.layout); // brings the stopped gateway back for other tests
        }
    }
}
