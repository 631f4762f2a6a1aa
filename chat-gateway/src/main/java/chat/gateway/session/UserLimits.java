package chat.gateway.session;

import chat.gateway.config.GatewayConfig;
import chat.gateway.limits.UserConnectionLeases;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one user may use of the system, whatever number of sockets they open on however many
 * gateways: at most {@code chat.gateway.max-connections-per-user} open connections in all
 * (counted in Redis, see {@link UserConnectionLeases}), and one frame budget
 * ({@code user-frames-per-second}, {@code user-frame-burst}) that all of their connections draw
 * from. Frames are never counted in Redis: each gateway holding some of the user's connections
 * gets an equal share of the budget, recomputed when a connection is admitted and at every
 * lease renewal.
 */
@ApplicationScoped
public class UserLimits {

    private final int maxConnections;
    private final double framesPerSecond;
    private final int frameBurst;
    private final UserConnectionLeases leases;
    private final Vertx vertx;
    private final Map<Long, Allowance> byUser = new ConcurrentHashMap<>();

    /**
     * One user's open connections on this gateway (of which {@code admitting} still wait for
     * Redis's answer) and the frame budget they share here.
     */
    private record Allowance(int connections, int admitting, RateLimiter frames) {

        Allowance admitted() {
            return new Allowance(connections, Math.max(0, admitting - 1), frames);
        }
    }

    public UserLimits(GatewayConfig config, UserConnectionLeases leases, Vertx vertx) {
        this.maxConnections = config.gateway().maxConnectionsPerUser();
        this.framesPerSecond = config.gateway().userFramesPerSecond();
        this.frameBurst = config.gateway().userFrameBurst();
        this.leases = leases;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        vertx.setPeriodic(leases.renewEveryMillis(), id -> renewAll());
    }

    /**
     * Counts one more connection of the user, here and across gateways.
     *
     * @return the frame budget their connections on this gateway share, or empty when they have
     *         the maximum open already. Without Redis this gateway's own count still caps them.
     */
    public Uni<Optional<RateLimiter>> tryOpen(long userId) {
        Optional<RateLimiter> local = openHere(userId);
        if (local.isEmpty()) {
            return Uni.createFrom().item(local);
        }
        return leases.admit(userId, maxConnections)
                .map(admission -> {
                    byUser.computeIfPresent(userId, (id, current) -> current.admitted());
                    if (!admission.admitted()) {
                        closeHere(userId);
                        return Optional.<RateLimiter>empty();
                    }
                    shareBudget(local.get(), admission.gatewaysHolding());
                    return local;
                })
                .onFailure().recoverWithItem(failure -> {
                    byUser.computeIfPresent(userId, (id, current) -> current.admitted());
                    Log.warnf("user %d: connection count not shared (%s); this gateway's count applies", userId,
                            failure.getMessage());
                    return local;
                });
    }

    /** A connection admitted by {@link #tryOpen} closed. */
    public void closed(long userId) {
        closeHere(userId);
        leases.release(userId).subscribe().with(ok -> {
        }, failure -> Log.debugf("user %d: release not recorded (%s); the next renewal sets the count", userId,
                failure.getMessage()));
    }

    /** Connections of this user open on this gateway. */
    public int openConnections(long userId) {
        Allowance allowance = byUser.get(userId);
        return allowance == null ? 0 : allowance.connections();
    }

    private Optional<RateLimiter> openHere(long userId) {
        boolean[] admitted = {false};
        Allowance after = byUser.compute(userId, (id, current) -> {
            if (current == null) {
                admitted[0] = true;
                return new Allowance(1, 1, new RateLimiter(framesPerSecond, frameBurst));
            }
            if (current.connections() >= maxConnections) {
                return current;
            }
            admitted[0] = true;
            return new Allowance(current.connections() + 1, current.admitting() + 1, current.frames());
        });
        return admitted[0] ? Optional.of(after.frames()) : Optional.empty();
    }

    private void closeHere(long userId) {
        byUser.computeIfPresent(userId, (id, current) -> current.connections() <= 1
                ? null
                : new Allowance(current.connections() - 1, current.admitting(), current.frames()));
    }

    /** This gateway's share of the user's frame budget when {@code gateways} hold their connections. */
    private void shareBudget(RateLimiter frames, int gateways) {
        int n = Math.max(1, gateways);
        frames.reshape(framesPerSecond / n, Math.max(1, frameBurst / n));
    }

    /** Renews this gateway's leases (its admitted counts restore what Redis lost) and takes each user's current share. */
    private void renewAll() {
        byUser.forEach((userId, allowance) -> leases.renew(userId, allowance.connections() - allowance.admitting())
                .subscribe().with(
                        gateways -> shareBudget(allowance.frames(), gateways),
                        failure -> Log.debugf("user %d: lease not renewed: %s", userId, failure.getMessage())));
    }
}
