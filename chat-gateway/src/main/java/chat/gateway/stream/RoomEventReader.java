package chat.gateway.stream;

import chat.events.MalformedEntryException;
import chat.events.RoomEvent;
import chat.events.StreamCodec;
import chat.events.StreamNames;
import chat.events.tracing.StreamTrace;
import chat.gateway.config.GatewayConfig;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import jakarta.inject.Inject;
import chat.gateway.session.SessionRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XReadArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;

/**
 * Reads the whole fan-out stream (no consumer group: every gateway instance must see every
 * event) on a thread of its own, and hands each event to the local connections.
 *
 * <p>It starts at the stream's end: what happened before this instance started is history,
 * which clients get through {@code resume} or the history API. If Redis goes away it retries
 * from the last entry it saw; events trimmed away meanwhile show up as seq gaps, which rooms
 * fill from message-service.
 */
@ApplicationScoped
public class RoomEventReader {

    private static final Duration BLOCK = Duration.ofSeconds(2);

    private final StreamCommands<String, String, String> streams;
    private final SessionRegistry sessions;
    private final String key;
    private final int batch;
    @Inject
    Tracer tracer;
    private volatile boolean running;
    private volatile boolean healthy;
    private long timeouts;
    private Thread thread;

    public RoomEventReader(RedisDataSource redis, SessionRegistry sessions, GatewayConfig config) {
        this.streams = redis.stream(String.class);
        this.sessions = sessions;
        this.key = new StreamNames(config.streams().prefix()).roomEvents();
        this.batch = config.streams().readBatch();
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "room-event-reader");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(BLOCK.toMillis() + 1000);
        }
    }

    /** True while the reader is connected and reading. */
    public boolean isHealthy() {
        return running && healthy;
    }

    private void run() {
        String lastId = "$";
        long backoff = 100;
        while (running) {
            try {
                if ("$".equals(lastId)) {
                    lastId = currentEnd();
                }
                List<StreamMessage<String, String, String>> entries = streams.xread(key, lastId,
                        new XReadArgs().count(batch).block(BLOCK));
                healthy = true;
                backoff = 100;
                for (StreamMessage<String, String, String> entry : entries) {
                    lastId = entry.id();
                    deliver(entry);
                }
                sessions.flush(); // one write task per event loop for the whole batch
            } catch (io.smallrye.mutiny.TimeoutException slowReply) {
                // Redis answered, but the reply waited behind this gateway's own busy event loops:
                // read again at once from the last entry seen (a pause would only make it worse)
                timeouts++;
                Log.warnf("event stream %s: no reply within the client timeout (%d so far); reading again", key,
                        timeouts);
            } catch (RuntimeException e) {
                healthy = false;
                if (!running) {
                    break;
                }
                Log.warnf("event stream %s: %s; retrying in %d ms", key, e.getMessage(), backoff);
                sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    /** The id of the stream's last entry, so that reading resumes exactly after it even across reconnects. */
    private String currentEnd() {
        // XREVRANGE takes the end first: "+ -" (the client passes the range's bounds in the order given);
        // "- +" is an empty range that Redis still scans whole, and reading then started from 0-0
        List<StreamMessage<String, String, String>> last = streams.xrevrange(key, StreamRange.of("+", "-"), 1);
        return last.isEmpty() ? "0-0" : last.get(0).id();
    }

    private void deliver(StreamMessage<String, String, String> entry) {
        try {
            RoomEvent event = StreamCodec.decodeEvent(entry.payload());
            // the delivery continues the message's trace (no span for events without one)
            Span span = event.traceparent() == null
                    ? null
                    : StreamTrace.consuming(tracer, "deliver " + event.type(), event.traceparent());
            try {
                sessions.dispatch(event);
            } finally {
                if (span != null) {
                    span.end();
                }
            }
        } catch (MalformedEntryException e) {
            Log.warnf("event stream %s: skipping entry %s: %s", key, entry.id(), e.getMessage());
        } catch (RuntimeException e) {
            Log.errorf(e, "event stream %s: delivering entry %s failed", key, entry.id());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
