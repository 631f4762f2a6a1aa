package chat.events.consumer;

import chat.events.config.StreamsConfig;
import chat.events.redis.ConsumerHealth;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while every stream consumer of this service works: down while one is stopped, paused
 * because PostgreSQL, Redis or a service is away, or further behind than
 * {@code chat.streams.consumer.max-lag}.
 */
@Readiness
@ApplicationScoped
public class StreamConsumersHealthCheck implements HealthCheck {

    private final StreamConsumers consumers;
    private final StreamsConfig config;

    public StreamConsumersHealthCheck(StreamConsumers consumers, StreamsConfig config) {
        this.consumers = consumers;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("stream consumers").up();
        for (ConsumerHealth h : consumers.health()) {
            boolean behind = h.up() && h.lag() > config.consumer().maxLag();
            if (!h.up() || behind) {
                response.down();
            }
            response.withData(h.name(), h.up() ? (behind ? "behind: " : "up, lag ") + h.lag() : "down: " + h.reason());
            h.data().forEach((k, v) -> response.withData(h.name() + " " + k, v));
        }
        return response.build();
    }
}
