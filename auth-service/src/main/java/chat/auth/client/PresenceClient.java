package chat.auth.client;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Asks presence-service who is online; answers "nobody" rather than failing when it is away. */
@ApplicationScoped
public class PresenceClient {

    private static final long WARN_EVERY_MILLIS = 60_000;

    private final PresenceApi api;
    private final AtomicLong lastWarning = new AtomicLong();

    public PresenceClient(@RestClient PresenceApi api) {
        this.api = api;
    }

    /** Presence by user id; empty when presence-service is unreachable or slow (timeouts are config). */
    public Map<Long, PresenceStatus> statuses() {
        try {
            List<PresenceStatus> all = api.online();
            Map<Long, PresenceStatus> byId = new HashMap<>(all.size() * 2);
            for (PresenceStatus status : all) {
                byId.put(status.userId(), status);
            }
            return byId;
        } catch (RuntimeException e) {
            long now = System.currentTimeMillis();
            long last = lastWarning.get();
            if (now - last > WARN_EVERY_MILLIS && lastWarning.compareAndSet(last, now)) {
                Log.warnf("presence-service unavailable, directory answers everyone offline: %s", e.getMessage());
            }
            return Map.of();
        }
    }
}
