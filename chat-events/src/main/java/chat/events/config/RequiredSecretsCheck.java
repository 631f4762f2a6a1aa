package chat.events.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Makes every service read {@link RequiredSecrets} at startup: a secret without a value fails
 * the start (the mapping is only checked when something uses it).
 */
@Startup
@ApplicationScoped
public class RequiredSecretsCheck {

    public RequiredSecretsCheck(RequiredSecrets secrets) {
        Log.debugf("%d required secrets are set", secrets.values().size());
    }
}
