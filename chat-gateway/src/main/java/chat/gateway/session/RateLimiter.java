package chat.gateway.session;

/** Token bucket for one connection's frames: a steady rate with a burst allowance. */
public final class RateLimiter {

    private final double perSecond;
    private final double burst;
    private double tokens;
    private long lastRefill;

    public RateLimiter(double perSecond, int burst) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.lastRefill = System.nanoTime();
    }

    /** Takes one token; false when the connection is sending too fast. */
    public synchronized boolean tryAcquire() {
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
