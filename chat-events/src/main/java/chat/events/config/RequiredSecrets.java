package chat.events.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.util.Map;

/**
 * The secrets a service refuses to start without. Each service lists them in its configuration
 * as {@code chat.required-secrets.NAME=${the.secret.property}}; the secret properties have
 * development values only in the {@code %dev} and {@code %test} profiles, so in production an
 * unset one fails this mapping when the configuration is read, before anything connects
 * ("Could not expand value the.secret.property"), instead of running with a publicly known value.
 */
@ConfigMapping(prefix = "chat.required-secrets")
public interface RequiredSecrets {

    /** Secret values by name; never logged. */
    @WithParentName
    Map<String, String> values();
}
