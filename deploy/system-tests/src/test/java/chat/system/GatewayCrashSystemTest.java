package chat.system;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A gateway killed with SIGKILL (no clean close, no leave sent): presence-service notices
 * its heartbeats stopped and takes its users offline within a bounded time. The killed
 * instance is started again afterwards.
 */
class GatewayCrashSystemTest {

    /** Gateway heartbeat TTL (30 s) + sweep interval (5 s) + delivery slack. */
    private static final Duration BOUND = Duration.ofSeconds(45);
    private static final SystemStack stack = SystemStack.get();

    @Test
    void usersOfAKilledGatewayGoOfflineWithinTheBound() {
        String room = SystemStack.randomRoom("crash");
        try (WsClient bob = stack.connect(stack.gateway(), "bob", room)) {
            bob.await("user_list", f -> f.path("users").toString().contains("bob"), Duration.ofSeconds(20));
            WsClient carol = stack.connect(stack.secondGateway(), "carol", room);
            bob.await("user_list", f -> f.path("users").toString().contains("carol"), Duration.ofSeconds(20));

            long killedAt = System.nanoTime();
            Instant killed = Instant.now();
            stack.services.kill(stack.layout, "gateway-2");
            JsonNode list = bob.await("user_list", f -> !f.path("users").toString().contains("carol"), BOUND);
            double seconds = (System.nanoTime() - killedAt) / 1e9;
            System.out.printf("presence: users of a SIGKILLed gateway went offline after %.1f s%n", seconds);
            assertTrue(List.of(list.path("users").toString()).get(0).contains("bob"));
            // the sweep took carol's only connection away: the directory shows her offline, last seen then
            JsonNode entry = DirectoryEntries.of(stack, "bob", "carol");
            assertFalse(entry.path("online").asBoolean(), entry.toString());
            Instant lastSeen = Instant.parse(entry.path("last_seen").asText());
            assertTrue(lastSeen.isAfter(killed), "last seen " + lastSeen + " after the kill at " + killed);
            assertTrue(DirectoryEntries.of(stack, "carol", "bob").path("online").asBoolean(), "bob's gateway lives");
            carol.close();
        } finally {
            stack.services.start(stack.layout); // brings the killed gateway back for other tests
        }
    }
}
