package chat.presence.service;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Brings the {@link OnlineIndex} in line with the rooms at start and then now and then: connections
 * joined through an instance that predates the index (during a rolling upgrade) are added, those
 * that left through one are taken out. Each step re-checks the room after it writes, so every
 * instance may run it at once, beside joins and leaves.
 */
@ApplicationScoped
public class OnlineIndexRepair {

    private final PresenceStore store;

    public OnlineIndexRepair(PresenceStore store) {
        this.store = store;
    }

    @Scheduled(identity = "presence-online-index", every = "${chat.presence.online-index-repair-interval:10m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            long started = System.currentTimeMillis();
            int connections = store.indexLiveConnections();
            int dropped = store.dropLeftConnections();
            Log.debugf("presence: online index checked against %d live connections (%d gone dropped) in %d ms",
                    connections, dropped, System.currentTimeMillis() - started);
        } catch (RuntimeException e) {
            Log.warnf("presence: online index repair failed, next tick retries: %s", e.getMessage());
        }
    }
}
