package chat.gateway.health;

import chat.gateway.ws.GatewayDrain;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready once the gateway drains: load balancers stop sending it new connections. */
@Readiness
@ApplicationScoped
public class DrainHealth implements HealthCheck {

    private final GatewayDrain drain;

    public DrainHealth(GatewayDrain drain) {
        this.drain = drain;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("accepting-connections").status(!drain.isDraining()).build();
    }
}
