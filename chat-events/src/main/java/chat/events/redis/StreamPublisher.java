package chat.events.redis;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import java.util.Map;

/**
 * Appends entries to one stream, always trimmed ({@code MAXLEN ~}) so that Redis memory
 * stays flat however long consumers are away.
 */
public final class StreamPublisher {

    private final StreamCommands<String, String, String> streams;
    private final String key;
    private final long maxLength;

    public StreamPublisher(RedisDataSource redis, String key, long maxLength) {
        this.streams = redis.stream(String.class);
        this.key = key;
        this.maxLength = maxLength;
    }

    /** Appends one entry; returns its id. */
    public String publish(Map<String, String> fields) {
        return streams.xadd(key, new XAddArgs().maxlen(maxLength).nearlyExactTrimming(), fields);
    }

    public String key() {
        return key;
    }
}
