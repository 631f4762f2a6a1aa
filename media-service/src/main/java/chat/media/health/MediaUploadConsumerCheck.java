package chat.media.health;

import chat.media.stream.MediaUploadConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the media-upload consumer is reading its stream. */
@Readiness
@ApplicationScoped
public class MediaUploadConsumerCheck implements HealthCheck {

    private final MediaUploadConsumer consumer;

    public MediaUploadConsumerCheck(MediaUploadConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("media-upload-consumer").status(consumer.healthy()).build();
    }
}
