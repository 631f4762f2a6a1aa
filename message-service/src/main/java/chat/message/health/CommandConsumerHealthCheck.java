package chat.message.health;

import chat.message.stream.MessageCommandConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the message-command consumer runs (when it is enabled). */
@Readiness
@ApplicationScoped
public class CommandConsumerHealthCheck implements HealthCheck {

    private final MessageCommandConsumer consumer;

    public CommandConsumerHealthCheck(MessageCommandConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("message-commands consumer")
                .status(!consumer.isEnabled() || consumer.isRunning())
                .withData("enabled", consumer.isEnabled())
                .build();
    }
}
