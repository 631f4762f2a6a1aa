package chat.presence.stream;

import chat.events.Command;
import chat.events.MalformedEntryException;
import chat.events.PresenceCommand;
import chat.events.StreamCodec;
import chat.events.StreamNames;
import chat.events.config.StreamsConfig;
import chat.events.consumer.StreamConsumers;
import chat.events.redis.StreamConsumer;
import chat.events.redis.StreamEntry;
import chat.events.consumer.InstanceName;
import chat.presence.config.PresenceConfig;
import chat.presence.service.PresenceService;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;

/** Reads the presence command stream as a member of group {@code presence-service}. */
@ApplicationScoped
public class PresenceConsumer {

    public static final String GROUP = "presence-service";

    private final StreamConsumer consumer;
    private final StreamConsumers consumers;
    private final boolean enabled;

    public PresenceConsumer(RedisDataSource redis, StreamsConfig streams, InstanceName instance,
            PresenceService presence, StreamConsumers consumers) {
        StreamsConfig.Consumer c = streams.consumer();
        StreamConsumer.Settings settings = new StreamConsumer.Settings(
                new StreamNames(streams.prefix()).presenceCommands(), GROUP, instance.value(),
                c.batchSize(), c.block(), c.claimAfter(), c.maxBackoff(), false);
        this.consumer = new StreamConsumer(redis, settings, entries -> presence.apply(decode(entries)));
        this.consumers = consumers;
        this.enabled = c.enabled();
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            consumers.run(consumer); // stopped, and reported on, by the shared lifecycle
        }
    }

    private static List<PresenceCommand> decode(List<StreamEntry> entries) {
        List<PresenceCommand> commands = new ArrayList<>(entries.size());
        for (StreamEntry entry : entries) {
            Command command = StreamCodec.decodeCommand(entry.fields());
            if (!(command instanceof PresenceCommand presence)) {
                throw new MalformedEntryException("not a presence command: " + command.type());
            }
            commands.add(presence);
        }
        return commands;
    }
}
