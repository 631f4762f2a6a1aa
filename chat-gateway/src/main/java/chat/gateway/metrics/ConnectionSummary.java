package chat.gateway.metrics;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * One INFO line a minute on the connections of this gateway (open now, opened and closed since the
 * last line), instead of a line per connection: at thousands of upgrades a second, per-connection
 * lines (DEBUG) would cost more than the upgrades. Quiet minutes log nothing; the exact figures
 * are the meters {@code chat_connections_open}, {@code chat_connections_opened_total} and
 * {@code chat_connections_closed_total}.
 */
@ApplicationScoped
public class ConnectionSummary {

    static final long INTERVAL_MILLIS = 60_000;

    private final GatewayMetrics metrics;
    private final Vertx vertx;
    private long timer = -1;
    private long openedBefore;
    private long closedBefore;

    public ConnectionSummary(GatewayMetrics metrics, Vertx vertx) {
        this.metrics = metrics;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(INTERVAL_MILLIS, id -> log());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
        log(); // what happened since the last line, e.g. a drain's closes
    }

    private void log() {
        long opened = metrics.connectionsOpened();
        long closed = metrics.connectionsClosed();
        line(metrics.connectionsOpen(), opened - openedBefore, closed - closedBefore, INTERVAL_MILLIS / 1000)
                .ifPresent(Log::info);
        openedBefore = opened;
        closedBefore = closed;
    }

    /** The summary of one interval; empty when no connection opened or closed in it. */
    static Optional<String> line(int open, long opened, long closed, long seconds) {
        if (opened == 0 && closed == 0) {
            return Optional.empty();
        }
        return Optional.of(String.format("connections: %d open; %d opened, %d closed in the last %d s", open, opened,
                closed, seconds));
    }
}
