package chat.gateway.session;

/**
 * Token bucket for one connection's frames: a steady rate with a burst allowance, and
 * optionally a second bucket shared by all connections of the same user.
 */
public final class RateLimiter {

    private double perSecond;
    private double burst;
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

    /** Changes rate and burst from now on (a user's share when their connections spread over gateways). */
    public synchronized void reshape(double perSecond, double burst) {
        refill();
        this.perSecond = perSecond;
        this.burst = burst;
        tokens = Math.min(tokens, burst);
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastRefill) / 1e9 * perSecond);
        lastRefill = now;
    }

    private synchronized boolean takeOwn() {
        refill();
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
