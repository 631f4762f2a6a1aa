package chat.media.stream;

import chat.events.config.StreamsConfig;
import chat.events.consumer.InstanceName;
import chat.events.consumer.StreamConsumers;
import chat.events.redis.StreamConsumer;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Runs the {@code media-service} consumer group on the media-upload stream for this instance's lifetime. */
@ApplicationScoped
public class MediaUploadConsumer {

    public static final String GROUP = "media-service";

    private final StreamConsumer consumer;
    private final StreamConsumers consumers;
    private final boolean enabled;

    public MediaUploadConsumer(RedisDataSource redis, StreamsConfig streams, InstanceName instance,
            StreamPublishers publishers, MediaUploadHandler handler, StreamConsumers consumers) {
        StreamsConfig.Consumer c = streams.consumer();
        StreamConsumer.Settings settings = new StreamConsumer.Settings(publishers.names().mediaCommands(), GROUP,
                instance.value(), c.batchSize(), c.block(), c.claimAfter(), c.maxBackoff(), false);
        this.consumer = new StreamConsumer(redis, settings, handler);
        this.consumers = consumers;
        this.enabled = c.enabled();
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            consumers.run(consumer); // stopped, and reported on, by the shared lifecycle
        }
    }
}
