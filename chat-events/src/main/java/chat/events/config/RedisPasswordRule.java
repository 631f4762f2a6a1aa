package chat.events.config;

import java.net.URI;
import java.util.Optional;

/**
 * Whether a service would reach Redis with a password: in the URL
 * ({@code redis://USER:PASSWORD@HOST:PORT}) or in {@code quarkus.redis.password}. Production
 * refuses to start without one (see {@link RequiredSecretsCheck}): a Redis anyone on the
 * network can write to lets them post as anyone.
 */
public final class RedisPasswordRule {

    private RedisPasswordRule() {
    }

    /** True when every URL of the comma-separated list carries a password, or a separate password is set. */
    public static boolean hasPassword(String hosts, Optional<String> password) {
        if (password.filter(p -> !p.isBlank()).isPresent()) {
            return true;
        }
        if (hosts == null || hosts.isBlank()) {
            return false;
        }
        for (String url : hosts.split(",")) {
            String userInfo;
            try {
                userInfo = URI.create(url.trim()).getRawUserInfo();
            } catch (IllegalArgumentException e) {
                return false;
            }
            // redis://:PASSWORD@ or redis://USER:PASSWORD@ (a user alone is no password)
            if (userInfo == null || !userInfo.contains(":") || userInfo.endsWith(":")) {
                return false;
            }
        }
        return true;
    }
}
