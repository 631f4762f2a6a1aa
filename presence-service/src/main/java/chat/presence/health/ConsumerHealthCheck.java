package chat.presence.health;

import chat.presence.stream.PresenceConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the presence command consumer runs. */
@Readiness
@ApplicationScoped
public class ConsumerHealthCheck implements HealthCheck {

    private final PresenceConsumer consumer;

    public ConsumerHealthCheck(PresenceConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("presence-consumer").status(consumer.isRunning()).build();
    }
}
