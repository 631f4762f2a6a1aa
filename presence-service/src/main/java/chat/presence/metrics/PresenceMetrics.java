package chat.presence.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * presence-service's {@code chat_*} meters: sweeps run [chat_presence_sweeps_total] and the
 * connections they took offline because their gateway stopped heartbeating
 * [chat_presence_swept_connections_total].
 */
@ApplicationScoped
public class PresenceMetrics {

    private final Counter sweeps;
    private final Counter sweptConnections;

    public PresenceMetrics(MeterRegistry registry) {
        sweeps = Counter.builder("chat.presence.sweeps")
                .description("Presence sweep ticks of this instance (one instance at a time holds the sweep lock)")
                .register(registry);
        sweptConnections = Counter.builder("chat.presence.swept.connections")
                .description("Connections removed because their gateway stopped heartbeating").register(registry);
    }

    /** One sweep that removed {@code removed} connections. */
    public void swept(int removed) {
        sweeps.increment();
        sweptConnections.increment(removed);
    }
}
