package chat.auth.client;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Asks presence-service who is online; answers "nothing known" rather than failing when it is away. */
@ApplicationScoped
public class PresenceClient {

    private static final long WARN_EVERY_MILLIS = 60_000;

    private final PresenceApi api;
    private final AtomicLong lastWarning = new AtomicLong();

    public PresenceClient(@RestClient PresenceApi api) {
        this.api = api;
    }

    /**
     * Who is online and the last-seen times written since {@code cursor}; empty when
     * presence-service is unreachable or slow (timeouts are config).
     */
    public Optional<PresenceSnapshot> snapshot(Optional<Instant> cursor) {
        try {
            return Optional.of(api.presence(cursor.map(Instant::toString).orElse(null)));
        } catch (RuntimeException e) {
            long now = System.currentTimeMillis();
            long last = lastWarning.get();
            if (now - last > WARN_EVERY_MILLIS && lastWarning.compareAndSet(last, now)) {
                Log.warnf("presence-service unavailable, directory answers everyone offline: %s", e.getMessage());
            }
            return Optional.empty();
        }
    }
}
