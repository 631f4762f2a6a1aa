package chat.message.stream;

import chat.events.RoomEvent;
import chat.events.StreamCodec;
import chat.events.StreamNames;
import chat.events.redis.StreamPublisher;
import chat.message.config.StreamsConfig;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Publishes fan-out events in order. Events that could not be published (Redis away after
 * the database commit) stay queued and go out first on the next call, so a stored message's
 * {@code chat_message} is not lost when its command is retried and found to be a repeat.
 */
@ApplicationScoped
public class RoomEventPublisher {

    /** Beyond this many unsent events the oldest are dropped; gateways then fill the gap from history. */
    static final int MAX_UNSENT = 100_000;

    private final StreamPublisher publisher;
    private final Deque<RoomEvent> unsent = new ArrayDeque<>();

    public RoomEventPublisher(RedisDataSource redis, StreamsConfig config) {
        this.publisher = new StreamPublisher(redis, new StreamNames(config.prefix()).roomEvents(),
                config.eventsMaxLength());
    }

    /** Queues the events behind any unsent ones and publishes the whole queue, in order. */
    public synchronized void publish(List<RoomEvent> events) {
        unsent.addAll(events);
        while (unsent.size() > MAX_UNSENT) {
            RoomEvent dropped = unsent.removeFirst();
            Log.warnf("events: dropped unsent %s of room %s seq %d", dropped.type(), dropped.room(), dropped.seq());
        }
        flush();
    }

    /** Publishes what is still queued. */
    public synchronized void flush() {
        while (!unsent.isEmpty()) {
            publisher.publish(StreamCodec.encode(unsent.peekFirst()));
            unsent.removeFirst();
        }
    }
}
