package chat.media.stream;

import chat.events.StreamNames;
import chat.events.redis.StreamPublisher;
import chat.media.config.StreamsConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;

/** The streams media-service writes to: message commands (stored media) and room events (errors). */
@ApplicationScoped
public class StreamPublishers {

    private final StreamNames names;
    private final StreamPublisher messages;
    private final StreamPublisher events;

    public StreamPublishers(RedisDataSource redis, StreamsConfig config) {
        this.names = new StreamNames(config.prefix());
        this.messages = new StreamPublisher(redis, names.messageCommands(), config.commandsMaxLength());
        this.events = new StreamPublisher(redis, names.roomEvents(), config.eventsMaxLength());
    }

    public StreamNames names() {
        return names;
    }

    /** Message commands, consumed by message-service. */
    public StreamPublisher messages() {
        return messages;
    }

    /** Fan-out events, read by every gateway. */
    public StreamPublisher events() {
        return events;
    }
}
