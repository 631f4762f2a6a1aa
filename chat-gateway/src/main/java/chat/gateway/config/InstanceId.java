package chat.gateway.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** This gateway instance's id: configured, or random per process (ids must never be shared by two instances). */
@ApplicationScoped
public class InstanceId {

    private final String value;

    public InstanceId(GatewayConfig config) {
        this.value = config.instanceId().orElseGet(() -> "gw-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public String value() {
        return value;
    }
}
