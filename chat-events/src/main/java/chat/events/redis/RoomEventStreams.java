package chat.events.redis;

import chat.events.RoomEvent;
import chat.events.StreamCodec;
import chat.events.StreamNames;
import chat.events.config.StreamsConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends fan-out events to the partition of their room ({@link StreamNames#roomEventsFor}), so
 * that a gateway reads only the partitions of its rooms and a room's events keep their order.
 * Events meant for one connection (an ack, an error) go to the room of that connection too: its
 * gateway reads that partition. Each partition is trimmed ({@code MAXLEN ~}) so Redis memory stays flat.
 */
public final class RoomEventStreams {

    private final StreamCommands<String, String, String> streams;
    private final Redis pipeline;
    private final StreamNames names;
    private final int partitions;
    private final long maxLength;

    /**
     * @param pipeline the low-level client, for appending a batch in one round trip (null when
     *                 only {@link #publish} is used)
     */
    public RoomEventStreams(RedisDataSource redis, Redis pipeline, StreamsConfig config) {
        this.streams = redis.stream(String.class);
        this.pipeline = pipeline;
        this.names = new StreamNames(config.prefix());
        this.partitions = config.eventPartitions();
        this.maxLength = config.eventsMaxLength();
    }

    public RoomEventStreams(RedisDataSource redis, StreamsConfig config) {
        this(redis, null, config);
    }

    /** Appends one event to its room's partition; returns its entry id. */
    public String publish(RoomEvent event) {
        XAddArgs args = new XAddArgs();
        if (maxLength > 0) {
            args.maxlen(maxLength).nearlyExactTrimming();
        }
        return streams.xadd(keyOf(event), args, StreamCodec.encode(event));
    }

    /**
     * Appends events in order, pipelined: one round trip for the whole batch, whatever partitions
     * it spans (one connection answers in order, so each room's events keep theirs).
     */
    public void publishAll(List<RoomEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        if (pipeline == null || events.size() == 1) {
            events.forEach(this::publish);
            return;
        }
        List<Request> requests = new ArrayList<>(events.size());
        for (RoomEvent event : events) {
            requests.add(StreamPublisher.xadd(keyOf(event), maxLength, StreamCodec.encode(event)));
        }
        pipeline.batchAndAwait(requests);
    }

    /** The partition key an event goes to. */
    public String keyOf(RoomEvent event) {
        return names.roomEventsFor(event.room() == null ? "" : event.room(), partitions);
    }
}
