package chat.presence.service;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fills the {@link OnlineIndex} from the gateways' connection sets at start and then now and then,
 * so that connections recorded by an instance that predates the index (during a rolling upgrade)
 * count as online too. It only adds what is live; every instance may run it at once.
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
            Log.debugf("presence: online index checked against %d live connections in %d ms", connections,
                    System.currentTimeMillis() - started);
        } catch (RuntimeException e) {
            Log.warnf("presence: online index repair failed, next tick retries: %s", e.getMessage());
        }
    }
}
