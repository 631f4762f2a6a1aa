package chat.message.stream;

import chat.events.RoomEvent;
import chat.events.StreamCodec;
import chat.events.StreamNames;
import chat.events.config.StreamsConfig;
import chat.events.redis.StreamPublisher;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Publishes the fan-out events of a batch in order, in one pipelined round trip. If Redis fails
 * here (after the database commit) the batch's commands stay unacknowledged and come back;
 * their messages are then found stored and announced again, so no event is lost across a
 * crash either: the command stream is the outbox.
 */
@ApplicationScoped
public class RoomEventPublisher {

    private final StreamPublisher publisher;

    public RoomEventPublisher(RedisDataSource redis, Redis pipeline, StreamsConfig config) {
        this.publisher = new StreamPublisher(redis, pipeline, new StreamNames(config.prefix()).roomEvents(),
                config.eventsMaxLength());
    }

    public void publish(List<RoomEvent> events) {
        List<Map<String, String>> entries = new ArrayList<>(events.size());
        for (RoomEvent e : events) {
            entries.add(StreamCodec.encode(e));
        }
        publisher.publishAll(entries);
    }
}
