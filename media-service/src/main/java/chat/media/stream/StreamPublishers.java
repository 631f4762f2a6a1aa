package chat.media.stream;

import chat.events.StreamNames;
import chat.events.config.StreamsConfig;
import chat.events.redis.MessageCommandStreams;
import chat.events.redis.RoomEventStreams;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;

/** The streams media-service writes to: message commands (stored media) and room events (errors). */
@ApplicationScoped
public class StreamPublishers {

    private final StreamNames names;
    private final MessageCommandStreams messages;
    private final RoomEventStreams events;

    public StreamPublishers(RedisDataSource redis, StreamsConfig config) {
        this.names = new StreamNames(config.prefix());
        this.messages = new MessageCommandStreams(redis, names, config.messagePartitions());
        this.events = new RoomEventStreams(redis, config);
    }

    public StreamNames names() {
        return names;
    }

    /** Message commands (each room's partition), consumed by message-service. */
    public MessageCommandStreams messages() {
        return messages;
    }

    /** Fan-out events (each room's partition), read by the gateways of the room. */
    public RoomEventStreams events() {
        return events;
    }
}
