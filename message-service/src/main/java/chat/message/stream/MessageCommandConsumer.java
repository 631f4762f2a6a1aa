package chat.message.stream;

import chat.events.StreamNames;
import chat.events.redis.StreamConsumer;
import chat.message.config.MessageConfig;
import chat.message.config.StreamsConfig;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Runs the consumer-group member that reads message commands, from startup to shutdown. */
@ApplicationScoped
public class MessageCommandConsumer {

    public static final String GROUP = "message-service";

    private final StreamConsumer consumer;
    private final StreamConsumer.Settings settings;
    private final boolean enabled;

    public MessageCommandConsumer(RedisDataSource redis, StreamsConfig streams, MessageConfig config,
                                  @ConfigProperty(name = "chat.instance-id") Optional<String> instanceId,
                                  MessageCommandHandler handler) {
        MessageConfig.Consumer c = config.consumer();
        String instance = instanceId.orElseGet(() -> "message-" + UUID.randomUUID().toString().substring(0, 8));
        this.settings = new StreamConsumer.Settings(new StreamNames(streams.prefix()).messageCommands(), GROUP,
                instance, c.batchSize(), c.block(), c.claimAfter());
        this.consumer = new StreamConsumer(redis, settings, handler);
        this.enabled = c.enabled();
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            consumer.start();
            Log.infof("consuming %s as %s/%s", settings.key(), settings.group(), settings.consumer());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        consumer.stop();
    }

    public boolean isEnabled() {
        return enabled;
    }

    public boolean isRunning() {
        return consumer.isRunning();
    }
}
