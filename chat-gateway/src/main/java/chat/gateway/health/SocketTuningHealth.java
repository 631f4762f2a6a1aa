package chat.gateway.health;

import chat.gateway.ws.SocketTuning;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while sockets cannot be tuned (no flush coalescing, no slow-reader bound): a broken gateway build. */
@Readiness
@ApplicationScoped
public class SocketTuningHealth implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("socket tuning").status(!SocketTuning.failing()).build();
    }
}
