package chat.events.redis;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Appends entries to one stream. A stream of events that readers only follow (no consumer
 * group) is trimmed ({@code MAXLEN ~}) so that Redis memory stays flat; a command stream is
 * never trimmed here (its consumer trims what every group acknowledged): give it a max length of 0.
 */
public final class StreamPublisher {

    private final StreamCommands<String, String, String> streams;
    private final Redis pipeline;
    private final String key;
    private final long maxLength;

    /**
     * @param pipeline  the low-level client, for appending many entries in one round trip (may be
     *                  null when only {@link #publish} is used)
     * @param maxLength approximate length to trim to, or 0 for never
     */
    public StreamPublisher(RedisDataSource redis, Redis pipeline, String key, long maxLength) {
        this.streams = redis.stream(String.class);
        this.pipeline = pipeline;
        this.key = key;
        this.maxLength = maxLength;
    }

    public StreamPublisher(RedisDataSource redis, String key, long maxLength) {
        this(redis, null, key, maxLength);
    }

    /** Appends one entry; returns its id. */
    public String publish(Map<String, String> fields) {
        XAddArgs args = new XAddArgs();
        if (maxLength > 0) {
            args.maxlen(maxLength).nearlyExactTrimming();
        }
        return streams.xadd(key, args, fields);
    }

    /** Appends entries in order, pipelined: one round trip for all of them. */
    public void publishAll(List<Map<String, String>> entries) {
        if (entries.isEmpty()) {
            return;
        }
        if (pipeline == null || entries.size() == 1) {
            entries.forEach(this::publish);
            return;
        }
        List<Request> requests = new ArrayList<>(entries.size());
        for (Map<String, String> fields : entries) {
            requests.add(xadd(key, maxLength, fields));
        }
        pipeline.batchAndAwait(requests);
    }

    /** An XADD request (for pipelines that mix streams). */
    public static Request xadd(String key, long maxLength, Map<String, String> fields) {
        Request r = Request.cmd(Command.XADD).arg(key);
        if (maxLength > 0) {
            r.arg("MAXLEN").arg("~").arg(maxLength);
        }
        r.arg("*");
        fields.forEach((k, v) -> r.arg(k).arg(v));
        return r;
    }

    public String key() {
        return key;
    }
}
