package chat.gateway.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * This gateway process's id: the configured name (or "gw") plus a per-boot suffix, so that a
 * restarted gateway never inherits the presence entries of its previous life.
 */
@ApplicationScoped
public class InstanceId {

    private final String value;

    public InstanceId(GatewayConfig config) {
        this.value = config.instanceId().orElse("gw") + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String value() {
        return value;
    }
}
