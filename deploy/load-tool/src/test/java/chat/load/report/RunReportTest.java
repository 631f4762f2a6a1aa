package chat.load.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.load.config.LoadOptions;
import chat.load.stats.RoomTally;
import chat.load.stats.WorkerResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The report says when a run is not clean, and leaves out the figures that do not apply. */
class RunReportTest {

    private static WorkerResult result(long sent, long acked, long delivered) {
        WorkerResult r = new WorkerResult();
        r.sentMeasured = sent;
        r.acked = acked;
        r.rooms.put(0, new RoomTally(sent, acked, 2, delivered));
        return r;
    }

    @Test
    void unansweredMessagesMakeARunNotClean() {
        LoadOptions o = LoadOptions.parse("fanout", "--clients", "2");
        JsonNode m = new RunReport(o, result(10, 4, 8), Instant.now()).json().path("messages");
        assertFalse(m.path("clean").asBoolean());
        assertEquals("6 unanswered", m.path("problems").get(0).asText());
        assertEquals(0, m.path("lost_deliveries").asLong(), "the acked ones all arrived");
        assertTrue(Summary.of(new RunReport(o, result(10, 4, 8), Instant.now()).json())
                .contains("NOT CLEAN: 6 unanswered"));
    }

    @Test
    void aRunWithEverythingDeliveredIsClean() {
        LoadOptions o = LoadOptions.parse("fanout", "--clients", "2");
        JsonNode m = new RunReport(o, result(10, 10, 20), Instant.now()).json().path("messages");
        assertTrue(m.path("clean").asBoolean(), m.toString());
    }

    @Test
    void withoutAcksThereAreNoAckFigures() {
        LoadOptions o = LoadOptions.parse("fanout", "--auth", "none", "--clients", "2");
        JsonNode r = new RunReport(o, result(10, 0, 20), Instant.now()).json();
        assertFalse(r.path("messages").has("acked"));
        assertFalse(r.path("latency_ms").has("ack"));
        assertTrue(r.path("messages").path("clean").asBoolean(), "every sent message delivered: " + r.path("messages"));
    }
}
