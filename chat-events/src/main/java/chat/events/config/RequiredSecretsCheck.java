package chat.events.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Makes every service read {@link RequiredSecrets} at startup: a secret without a value fails
 * the start (the mapping is only checked when something uses it); in production a Redis
 * reached without a password fails it too ({@link RedisPasswordRule}).
 */
@Startup
@ApplicationScoped
public class RequiredSecretsCheck {

    public RequiredSecretsCheck(RequiredSecrets secrets) {
        Log.debugf("%d required secrets are set", secrets.values().size());
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            Config config = ConfigProvider.getConfig();
            Optional<String> hosts = config.getOptionalValue("quarkus.redis.hosts", String.class);
            if (hosts.isPresent() && !RedisPasswordRule.hasPassword(hosts.get(),
                    config.getOptionalValue("quarkus.redis.password", String.class))) {
                throw new IllegalStateException("Redis without a password: set QUARKUS_REDIS_HOSTS="
                        + "redis://USER:PASSWORD@HOST:PORT or QUARKUS_REDIS_PASSWORD");
            }
        }
    }
}
