package chat.gateway.stream;

import chat.events.MalformedEntryException;
import chat.events.RoomEvent;
import chat.events.StreamCodec;
import chat.events.tracing.StreamTrace;
import chat.gateway.config.GatewayConfig;
import chat.gateway.metrics.GatewayMetrics;
import chat.gateway.session.SessionRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the fan-out partitions of the rooms this gateway has connections in ({@link EventPartitions})
 * with one XREAD over all of them (no consumer group: every gateway of a room must see its
 * events), on a thread of its own, and hands each event to the local connections.
 *
 * <p>A partition starts at its end when its first room opens: what happened before is history,
 * which clients get through {@code resume} or the history API. If Redis goes away the reader
 * retries from the last entry seen of each partition; events trimmed away meanwhile show up as
 * seq gaps, which rooms fill from message-service. Its Redis client runs on an event loop of its
 * own ({@link EventReaderRedis}), so busy WebSocket loops cannot delay its replies. While events
 * keep coming, reads are spaced by {@code chat.streams.read-linger} ({@link ReadPacer}).
 */
@ApplicationScoped
public class RoomEventReader {

    /**
     * How long one read waits for entries: also how long a partition added meanwhile can wait
     * for its first read (its events are not lost, only later), so short; an idle read is cheap.
     */
    static final Duration BLOCK = Duration.ofMillis(250);
    /** A reply later than this means the connection is gone (the reply loop is never busy). */
    private static final long REPLY_TIMEOUT_MS = BLOCK.toMillis() + 5_000;

    private final EventReaderRedis redis;
    private final EventPartitions partitions;
    private final SessionRegistry sessions;
    private final int batch;
    private final ReadPacer pacer;
    @Inject
    Tracer tracer;
    @Inject
    GatewayMetrics metrics;
    private volatile boolean running;
    private volatile boolean healthy;
    private Thread thread;

    public RoomEventReader(EventReaderRedis redis, EventPartitions partitions, SessionRegistry sessions,
            GatewayConfig config) {
        this.redis = redis;
        this.partitions = partitions;
        this.sessions = sessions;
        this.batch = config.streams().readBatch();
        this.pacer = new ReadPacer(config.streams().readLinger());
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
            thread.interrupt();
            thread.join(REPLY_TIMEOUT_MS + 1000);
        }
    }

    /** True while the reader is connected and reading. */
    public boolean isHealthy() {
        return running && healthy;
    }

    /** The partitions read now. */
    public List<Integer> partitionsRead() {
        return partitions.indexes();
    }

    private void run() {
        long backoff = 100;
        while (running) {
            try {
                List<EventPartitions.Partition> reading = partitions.toRead();
                if (reading.isEmpty()) {
                    await(Request.cmd(Command.PING)); // nothing to read: still tell readiness whether Redis answers
                    healthy = true;
                    partitions.awaitChange(BLOCK.toMillis() * 8);
                    continue;
                }
                for (EventPartitions.Partition p : reading) {
                    if (p.lastId == null) { // its end could not be taken when its room opened
                        p.lastId = EventPartitions.idOfLast(await(EventPartitions.lastEntry(p.key)));
                    }
                }
                long started = pacer.readStarting();
                Response reply = await(xread(reading));
                healthy = true;
                backoff = 100;
                deliverAll(reading, reply);
                sessions.flush(); // one write task per event loop for the whole batch
                pacer.afterRead(started, reply != null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | ExecutionException | TimeoutException e) {
                healthy = false;
                if (!running) {
                    break;
                }
                Log.warnf("event partitions: %s; retrying in %d ms", e.getMessage(), backoff);
                sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    /** {@code XREAD COUNT n BLOCK ms STREAMS key... id...}: one read over every partition wanted. */
    private Request xread(List<EventPartitions.Partition> reading) {
        Request r = Request.cmd(Command.XREAD).arg("COUNT").arg(batch).arg("BLOCK").arg(BLOCK.toMillis())
                .arg("STREAMS");
        reading.forEach(p -> r.arg(p.key));
        reading.forEach(p -> r.arg(p.lastId));
        return r;
    }

    private Response await(Request request) throws InterruptedException, ExecutionException, TimeoutException {
        Future<Response> reply = redis.send(request);
        return reply.toCompletionStage().toCompletableFuture().get(REPLY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    /** An XREAD reply (RESP2): null when nothing came, else [[key, [[id, [field, value, ...]], ...]], ...]. */
    private void deliverAll(List<EventPartitions.Partition> reading, Response reply) {
        if (reply == null) {
            return;
        }
        Map<String, EventPartitions.Partition> byKey = new HashMap<>();
        reading.forEach(p -> byKey.put(p.key, p));
        for (Response stream : reply) {
            EventPartitions.Partition p = byKey.get(stream.get(0).toString());
            Response entries = stream.get(1);
            for (Response entry : entries) {
                String id = entry.get(0).toString();
                p.lastId = id;
                deliver(p.key, id, fields(entry.get(1)));
            }
            metrics.eventsRead(p.index, entries.size());
        }
    }

    private static Map<String, String> fields(Response flat) {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put(flat.get(i).toString(), flat.get(i + 1).toString());
        }
        return fields;
    }

    private void deliver(String key, String id, Map<String, String> fields) {
        try {
            RoomEvent event = StreamCodec.decodeEvent(fields);
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
            Log.warnf("event partition %s: skipping entry %s: %s", key, id, e.getMessage());
        } catch (RuntimeException e) {
            Log.errorf(e, "event partition %s: delivering entry %s failed", key, id);
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
