package chat.media.stream;

import chat.events.redis.StreamConsumer;
import chat.events.consumer.InstanceName;
import chat.media.config.MediaConfig;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Runs the {@code media-service} consumer group on the media-upload stream for this instance's lifetime. */
@ApplicationScoped
public class MediaUploadConsumer {

    public static final String GROUP = "media-service";

    private final MediaConfig config;
    private final String key;
    private final StreamConsumer consumer;

    public MediaUploadConsumer(MediaConfig config, InstanceName instance, RedisDataSource redis,
            StreamPublishers publishers, MediaUploadHandler handler) {
        this.config = config;
        MediaConfig.Consumer settings = config.consumer();
        this.key = publishers.names().mediaCommands();
        this.consumer = new StreamConsumer(redis, new StreamConsumer.Settings(key, GROUP,
                instance.value(), settings.batchSize(), settings.block(), settings.claimAfter()), handler);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.consumer().enabled()) {
            consumer.start();
            Log.infof("media-upload consumer started on %s", key);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        consumer.stop();
    }

    /** True when the consumer runs, or is switched off on purpose. */
    public boolean healthy() {
        return !config.consumer().enabled() || consumer.isRunning();
    }
}
