package chat.gateway.session;

import chat.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one user may use of this gateway, whatever number of sockets they open: at most
 * {@code chat.gateway.max-connections-per-user} open connections, and one frame budget
 * ({@code chat.gateway.user-frames-per-second}, {@code user-frame-burst}) that all of their
 * connections draw from. Counted per gateway instance: N gateways admit N times the cap.
 */
@ApplicationScoped
public class UserLimits {

    private final int maxConnections;
    private final double framesPerSecond;
    private final int frameBurst;
    private final Map<Long, Allowance> byUser = new ConcurrentHashMap<>();

    /** One user's open connections and their shared frame budget. */
    private record Allowance(int connections, RateLimiter frames) {
    }

    public UserLimits(GatewayConfig config) {
        this.maxConnections = config.gateway().maxConnectionsPerUser();
        this.framesPerSecond = config.gateway().userFramesPerSecond();
        this.frameBurst = config.gateway().userFrameBurst();
    }

    /**
     * Counts one more connection of the user.
     *
     * @return the frame budget their connections share, or empty when they have the maximum open already
     */
    public Optional<RateLimiter> tryOpen(long userId) {
        boolean[] admitted = {false};
        Allowance after = byUser.compute(userId, (id, current) -> {
            if (current == null) {
                admitted[0] = true;
                return new Allowance(1, new RateLimiter(framesPerSecond, frameBurst));
            }
            if (current.connections() >= maxConnections) {
                return current;
            }
            admitted[0] = true;
            return new Allowance(current.connections() + 1, current.frames());
        });
        return admitted[0] ? Optional.of(after.frames()) : Optional.empty();
    }

    /** A connection counted by {@link #tryOpen} closed. */
    public void closed(long userId) {
        byUser.computeIfPresent(userId, (id, current) -> current.connections() <= 1 ? null
                : new Allowance(current.connections() - 1, current.frames()));
    }

    /** Connections of this user open on this gateway. */
    public int openConnections(long userId) {
        Allowance allowance = byUser.get(userId);
        return allowance == null ? 0 : allowance.connections();
    }
}
