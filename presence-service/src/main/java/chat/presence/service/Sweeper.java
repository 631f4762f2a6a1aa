package chat.presence.service;

import chat.events.consumer.InstanceName;
import chat.presence.config.PresenceConfig;
import chat.presence.metrics.PresenceMetrics;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Takes the connections of gateways whose heartbeat expired (killed, partitioned) out of their
 * rooms, so their users go offline within about TTL + sweep interval. One instance at a time
 * sweeps (a short Redis lock).
 */
@ApplicationScoped
public class Sweeper {

    private final PresenceStore store;
    private final PresenceService presence;
    private final LastSeenStore lastSeen;
    private final String owner;
    private final Duration lockHold;
    private final PresenceMetrics metrics;

    public Sweeper(PresenceStore store, PresenceService presence, LastSeenStore lastSeen,
            InstanceName instance, PresenceConfig config, PresenceMetrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.presence = presence;
        this.lastSeen = lastSeen;
        this.owner = instance.value();
        this.lockHold = Duration.ofMillis(Math.max(100, config.sweepInterval().toMillis() * 4 / 5));
    }

    @Scheduled(identity = "presence-sweeper", every = "${chat.presence.sweep-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            metrics.swept(sweep());
        } catch (RuntimeException e) {
            Log.warnf("presence sweep failed, next tick retries: %s", e.getMessage());
        }
    }

    /** One sweep; returns how many connections it removed (0 when another instance holds the lock). */
    public int sweep() {
        if (!store.tryLockSweep(owner, lockHold)) {
            return 0;
        }
        int count = 0;
        for (String gatewayId : store.deadGateways()) {
            List<RemovedConnection> removed = store.removeGateway(gatewayId);
            if (removed.isEmpty()) {
                continue;
            }
            Set<String> rooms = new LinkedHashSet<>();
            removed.forEach(r -> rooms.add(r.room()));
            lastSeen.seen(removed.stream()
                    .map(r -> new OnlineUser(r.connection().userId(), r.connection().username()))
                    .collect(Collectors.toList()), Instant.now());
            presence.publishUserLists(rooms);
            Log.infof("presence: gateway %s stopped heartbeating; %d connections removed from %d rooms",
                    gatewayId, removed.size(), rooms.size());
            count += removed.size();
        }
        return count;
    }
}
