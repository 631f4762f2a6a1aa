package chat.message.stream;

import chat.events.StreamNames;
import chat.events.config.StreamsConfig;
import chat.events.consumer.InstanceName;
import chat.events.consumer.StreamConsumers;
import chat.events.redis.GroupCommit;
import chat.events.redis.PartitionedConsumer;
import chat.events.redis.StreamConsumer;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * The message-command consumer of this instance: the partitions of {@code <prefix>:{messages:N}:in}
 * this instance holds the leases of, each read in order by a thread of its own; batches the
 * partitions hand over at the same time are stored together ({@link GroupCommit}).
 */
@ApplicationScoped
public class MessageCommandConsumer {

    public static final String GROUP = "message-service";

    private final PartitionedConsumer consumer;
    private final StreamConsumers consumers;
    private final boolean enabled;

    public MessageCommandConsumer(RedisDataSource redis, StreamsConfig streams, InstanceName instance,
            MessageCommandHandler handler, StreamConsumers consumers) {
        StreamsConfig.Consumer c = streams.consumer();
        StreamNames names = new StreamNames(streams.prefix());
        List<String> partitions = names.messageCommandPartitions(streams.messagePartitions());
        StreamConsumer.Settings settings = new StreamConsumer.Settings(partitions.get(0), GROUP, instance.value(),
                c.batchSize(), c.block(), c.claimAfter(), c.maxBackoff(), true);
        this.consumer = new PartitionedConsumer(redis, partitions, names.messageConsumers(), settings, c.leaseTtl(),
                new GroupCommit(handler, c.groupMaxEntries(), c.groupParallelism()));
        this.consumers = consumers;
        this.enabled = c.enabled();
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            consumers.run(consumer);
        }
    }

    /** The consumer itself (tests stop and start it). */
    public PartitionedConsumer consumer() {
        return consumer;
    }

    /** The partitions this instance consumes now. */
    public List<Integer> ownedPartitions() {
        return consumer.ownedPartitions();
    }
}
