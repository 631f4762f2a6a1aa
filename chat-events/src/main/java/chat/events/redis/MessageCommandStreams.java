package chat.events.redis;

import chat.events.StreamNames;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import java.util.Map;

/**
 * Appends message commands to the partition of their room, so that every command of a room is
 * consumed in order by the partition's one owner. Never trimmed by the producer.
 */
public final class MessageCommandStreams {

    private final StreamCommands<String, String, String> streams;
    private final StreamNames names;
    private final int partitions;

    public MessageCommandStreams(RedisDataSource redis, StreamNames names, int partitions) {
        this.streams = redis.stream(String.class);
        this.names = names;
        this.partitions = partitions;
    }

    /** Appends one encoded command for {@code room}; returns the entry id. */
    public String publish(String room, Map<String, String> fields) {
        return streams.xadd(names.messageCommandsFor(room, partitions), fields);
    }
}
