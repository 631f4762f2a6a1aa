package chat.gateway.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The periodic connections line that replaces a line per connection. */
class ConnectionSummaryTest {

    @Test
    void aMinuteWithConnectionsOpenedOrClosedIsOneLineAndAQuietOneNone() {
        assertEquals(Optional.of("connections: 14000 open; 15000 opened, 1000 closed in the last 60 s"),
                ConnectionSummary.line(14_000, 15_000, 1_000, 60));
        assertEquals(Optional.of("connections: 0 open; 0 opened, 3 closed in the last 60 s"),
                ConnectionSummary.line(0, 0, 3, 60));
        assertEquals(Optional.empty(), ConnectionSummary.line(500, 0, 0, 60), "idle connections: nothing to say");
    }
}
