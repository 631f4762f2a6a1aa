package chat.auth.service;

import chat.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many signups one client address may attempt: a token bucket per address
 * ({@code chat.auth.signup-burst} at once, refilled at {@code chat.auth.signup-per-hour}).
 * Every attempt counts, failed ones too (they probe for taken names). Per auth-service instance.
 */
@ApplicationScoped
public class SignupRateLimit {

    /** Addresses remembered before the table starts over (a bound on memory under a spread attack). */
    private static final int MAX_ADDRESSES = 100_000;

    private final double burst;
    private final double perMilli;
    private final Map<String, Bucket> byAddress = new ConcurrentHashMap<>();

    private record Bucket(double tokens, long at) {
    }

    public SignupRateLimit(AuthConfig config) {
        this.burst = config.signupBurst();
        this.perMilli = config.signupPerHour() / 3_600_000.0;
    }

    /** Takes one attempt of the address's allowance; false when it has none left. */
    public boolean tryAcquire(String address) {
        if (byAddress.size() >= MAX_ADDRESSES) {
            byAddress.clear();
        }
        long now = System.currentTimeMillis();
        boolean[] allowed = {false};
        byAddress.compute(address, (key, bucket) -> {
            double tokens = bucket == null ? burst : Math.min(burst, bucket.tokens() + (now - bucket.at()) * perMilli);
            if (tokens >= 1) {
                allowed[0] = true;
                tokens -= 1;
            }
            return new Bucket(tokens, now);
        });
        return allowed[0];
    }
}
