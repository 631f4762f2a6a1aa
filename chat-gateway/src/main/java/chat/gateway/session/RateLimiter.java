package chat.gateway.session;

/**
 * Token bucket for one connection's frames: a steady rate with a burst allowance, and
 * optionally a second bucket shared by all connections of the same user.
 */
public final class RateLimiter {

    private final double perSecond;
    private final double burst;
    private final RateLimiter shared;
    private double tokens;
    private long lastRefill;

    public RateLimiter(double perSecond, int burst) {
        this(perSecond, burst, null);
    }

    /** @param shared a bucket that must also have a token (the user's, across their connections), or null */
    public RateLimiter(double perSecond, int burst, RateLimiter shared) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.shared = shared;
        this.tokens = burst;
        this.lastRefill = System.nanoTime();
    }

    /** Takes one token (and one of the shared bucket); false when the connection or its user sends too fast. */
    public boolean tryAcquire() {
        return takeOwn() && (shared == null || shared.takeOwn());
    }

    private synchronized boolean takeOwn() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastRefill) / 1e9 * perSecond);
        lastRefill = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
