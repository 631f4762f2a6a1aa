package chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.load.config.LoadOptions;
import chat.load.coordination.RunCoordinator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load tool against the real stack: a short ingest run (every member of several rooms
 * sending, accounts provisioned in Keycloak) loses nothing, duplicates nothing, keeps every
 * room's order, and reports every figure. No timing is asserted: figures belong in reports.
 */
class LoadToolSystemTest {

    private static final SystemStack stack = SystemStack.get();

    @Test
    void ingestRunLosesNothingAndReportsEveryFigure(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("result.json");
        LoadOptions options = LoadOptions.parse("ingest", "--gateway", stack.gateway(), "--keycloak",
                stack.infra.keycloakUrl(),
                "--user-prefix", "ltsys", "--token-cache", dir.resolve("tokens.json").toString(),
                "--rooms", "6", "--clients", "4", "--rate", "4", "--warmup", "1", "--duration", "4", "--drain", "20",
                "--settle", "1", "--watch-pid", "test=" + ProcessHandle.current().pid(), "--out", out.toString());

        new RunCoordinator(options).run();

        JsonNode r = new ObjectMapper().readTree(Files.readString(out));
        JsonNode connections = r.path("connections");
        assertEquals(24, connections.path("opened").asInt(), "every connection opened: " + connections);
        assertEquals(0, connections.path("unexpected_closes").asInt());
        JsonNode m = r.path("messages");
        long sent = m.path("sent").asLong();
        assertTrue(sent >= 24 * 4 * 4 * 0.8, "the offered rate was sent: " + m);
        assertEquals(sent, m.path("acked").asLong(), "every measured message acked: " + m);
        assertEquals(0, m.path("unanswered").asLong());
        assertEquals(0, m.path("errors_measured").asLong(), "no measured message refused: " + m.path("errors"));
        assertEquals(sent * 4, m.path("expected_deliveries").asLong(), "each message owed to its room's 4 members");
        assertEquals(m.path("expected_deliveries").asLong(), m.path("deliveries").asLong());
        assertEquals(0, m.path("lost_deliveries").asLong());
        assertEquals(0, m.path("duplicates").asLong());
        assertEquals(0, m.path("out_of_order").asLong());
        assertEquals(0, m.path("cross_room").asLong());
        assertTrue(m.path("clean").asBoolean(), "the run is clean: " + m.path("problems"));
        assertTrue(m.path("stored_and_delivered_per_second").asDouble() > 0);
        assertTrue(m.path("deliveries_per_second").asDouble() > 0);
        for (String latency : new String[]{"ack", "delivery"}) {
            JsonNode h = r.path("latency_ms").path(latency);
            for (String figure : new String[]{"p50", "p90", "p99", "p99_9", "max"}) {
                assertTrue(h.path(figure).isNumber(), latency + " " + figure + " present: " + h);
            }
        }
        assertEquals(sent, r.path("latency_ms").path("ack").path("count").asLong());
        assertEquals(sent * 4, r.path("latency_ms").path("delivery").path("count").asLong());
        assertTrue(r.path("cpu_pct_of_one_core").path("measure").path("test").isNumber(), "CPU of the watched process");
        assertTrue(r.path("connections").path("handshake_ms").path("p99").isNumber());
        // 24 senders at 4/s: 9 per user under the 40 frames/s per-user limit (with headroom), so 3 accounts
        assertEquals(3, r.path("accounts").path("users").asInt());
        String cache = Files.readString(dir.resolve("tokens.json"));
        assertTrue(cache.contains("\"ltsys-0\"") && cache.contains("\"ltsys-2\""), "tokens cached for the next run");
    }
}
