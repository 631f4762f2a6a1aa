package chat.gateway.session;

import chat.gateway.config.GatewayConfig;
import chat.gateway.limits.StaleCounts;
import chat.gateway.limits.UserConnectionLeases;
import chat.gateway.limits.UserConnectionLeases.Count;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one user may use of the system, whatever number of sockets they open on however many
 * gateways: at most {@code chat.gateway.max-connections-per-user} open connections in all
 * (counted in Redis, see {@link UserConnectionLeases}), and one frame budget
 * ({@code user-frames-per-second}, {@code user-frame-burst}) that all of their connections draw
 * from. Frames are never counted in Redis: each gateway holding some of the user's connections
 * gets an equal share of the budget, recomputed when a connection is admitted and at every
 * lease renewal. Closes, failed admissions and renewals reach Redis through {@link StaleCounts}
 * (batched, retried until written).
 */
@ApplicationScoped
public class UserLimits {

    private final int maxConnections;
    private final double framesPerSecond;
    private final int frameBurst;
    private final UserConnectionLeases leases;
    private final Vertx vertx;
    private final Map<Long, Allowance> byUser = new ConcurrentHashMap<>();
    /** Versions of this gateway's counts: taken under the user's map entry, so they order its changes. */
    private final AtomicLong versions = new AtomicLong();
    private final StaleCounts stale;

    /** One user's open connections on this gateway and the frame budget they share here. */
    private record Allowance(int connections, RateLimiter frames) {
    }

    public UserLimits(GatewayConfig config, UserConnectionLeases leases, Vertx vertx) {
        this.maxConnections = config.gateway().maxConnectionsPerUser();
        this.framesPerSecond = config.gateway().userFramesPerSecond();
        this.frameBurst = config.gateway().userFrameBurst();
        this.leases = leases;
        this.vertx = vertx;
        this.stale = new StaleCounts(leases, vertx, this::currentCount, this::takeShare);
    }

    void start(@Observes StartupEvent event) {
        // renewing writes every count again: what Redis lost (restarted without its data) comes back
        vertx.setPeriodic(leases.renewEveryMillis(), id -> stale.changedAll(byUser.keySet()));
    }

    /**
     * Counts one more connection of the user, here and across gateways.
     *
     * @return the frame budget their connections on this gateway share, or empty when they have
     *         the maximum open already. Without Redis this gateway's own count still caps them.
     */
    public Uni<Optional<RateLimiter>> tryOpen(long userId) {
        Count[] count = {null};
        Allowance after = byUser.compute(userId, (id, current) -> {
            if (current != null && current.connections() >= maxConnections) {
                return current;
            }
            Allowance next = current == null
                    ? new Allowance(1, new RateLimiter(framesPerSecond, frameBurst))
                    : new Allowance(current.connections() + 1, current.frames());
            count[0] = new Count(userId, next.connections(), versions.incrementAndGet());
            return next;
        });
        if (count[0] == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        Optional<RateLimiter> local = Optional.of(after.frames());
        return leases.admit(count[0], maxConnections)
                .map(admission -> {
                    if (!admission.admitted()) {
                        closed(userId); // a concurrent write may have carried the refused connection's count
                        return Optional.<RateLimiter>empty();
                    }
                    shareBudget(local.get(), admission.gatewaysHolding());
                    return local;
                })
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("user %d: connection count not shared (%s); this gateway's count applies", userId,
                            failure.getMessage());
                    stale.changed(userId);
                    return local;
                });
    }

    /** A connection admitted by {@link #tryOpen} closed. */
    public void closed(long userId) {
        byUser.computeIfPresent(userId, (id, current) -> current.connections() <= 1
                ? null
                : new Allowance(current.connections() - 1, current.frames()));
        stale.changed(userId);
    }

    /** Connections of this user open on this gateway. */
    public int openConnections(long userId) {
        Allowance allowance = byUser.get(userId);
        return allowance == null ? 0 : allowance.connections();
    }

    /** This gateway's count of the user now, with a version newer than any write of it so far. */
    private Count currentCount(long userId) {
        Count[] count = {new Count(userId, 0, 0)};
        byUser.compute(userId, (id, current) -> {
            count[0] = new Count(userId, current == null ? 0 : current.connections(), versions.incrementAndGet());
            return current;
        });
        return count[0];
    }

    private void takeShare(long userId, int gateways) {
        Allowance allowance = byUser.get(userId);
        if (allowance != null) {
            shareBudget(allowance.frames(), gateways);
        }
    }

    /** This gateway's share of the user's frame budget when {@code gateways} hold their connections. */
    private void shareBudget(RateLimiter frames, int gateways) {
        int n = Math.max(1, gateways);
        frames.reshape(framesPerSecond / n, Math.max(1, frameBurst / n));
    }
}
