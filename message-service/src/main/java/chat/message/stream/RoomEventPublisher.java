package chat.message.stream;

import chat.events.RoomEvent;
import chat.events.config.StreamsConfig;
import chat.events.redis.RoomEventStreams;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Publishes the fan-out events of a batch in order, each to its room's partition, in one
 * pipelined round trip. If Redis fails
 * here (after the database commit) the batch's commands stay unacknowledged and come back;
 * their messages are then found stored and announced again, so no event is lost across a
 * crash either: the command stream is the outbox.
 */
@ApplicationScoped
public class RoomEventPublisher {

    private final RoomEventStreams streams;

    public RoomEventPublisher(RedisDataSource redis, Redis pipeline, StreamsConfig config) {
        this.streams = new RoomEventStreams(redis, pipeline, config);
    }

    public void publish(List<RoomEvent> events) {
        streams.publishAll(events);
    }
}
