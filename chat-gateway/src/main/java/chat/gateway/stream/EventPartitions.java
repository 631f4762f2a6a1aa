package chat.gateway.stream;

import chat.events.StreamNames;
import chat.events.config.StreamsConfig;
import chat.gateway.config.GatewayConfig;
import chat.gateway.session.RoomInterest;
import io.quarkus.logging.Log;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The fan-out partitions this gateway reads: those of the rooms it has connections in, each
 * with the id of the last entry read from it.
 *
 * <p>A partition that becomes wanted starts at its current end, and that end is taken before the
 * join that wanted it completes ({@link #roomOpened}): every event published after the join has a
 * later id, so it is read even if the reader is still blocked in a read without that partition.
 * A partition no local room needs any more is dropped at the reader's next read; wanted again
 * before that, it simply goes on from where it was.
 */
@ApplicationScoped
public class EventPartitions implements RoomInterest {

    /** One partition: how many local rooms need it, and where reading it goes on from. */
    static final class Partition {

        final int index;
        final String key;
        int rooms;
        /** Completes when {@link #lastId} holds the start position (or null: the reader takes it itself). */
        final CompletableFuture<Void> started = new CompletableFuture<>();
        volatile String lastId;

        Partition(int index, String key) {
            this.index = index;
            this.key = key;
        }
    }

    private final EventReaderRedis redis;
    private final StreamNames names;
    private final int partitionCount;
    private final Map<Integer, Partition> partitions = new HashMap<>(); // guarded by this
    private long version; // guarded by this: bumped whenever the set to read changes
    private long versionRead;

    @Inject
    public EventPartitions(EventReaderRedis redis, StreamsConfig streams, GatewayConfig config) {
        this(redis, new StreamNames(config.streams().prefix()), streams.eventPartitions());
    }

    EventPartitions(EventReaderRedis redis, StreamNames names, int partitionCount) {
        this.redis = redis;
        this.names = names;
        this.partitionCount = partitionCount;
    }

    @Override
    public synchronized CompletionStage<Void> roomOpened(String room) {
        int index = StreamNames.partitionOf(room, partitionCount);
        Partition p = partitions.get(index);
        if (p == null) {
            p = new Partition(index, names.roomEvents(index));
            partitions.put(index, p);
            fetchStart(p);
        }
        p.rooms++;
        return p.started;
    }

    @Override
    public synchronized void roomClosed(String room) {
        Partition p = partitions.get(StreamNames.partitionOf(room, partitionCount));
        if (p != null && p.rooms > 0) {
            p.rooms--;
        }
    }

    /** The partition's last entry id now, before anyone waits on it; a failure leaves the start to the reader. */
    private void fetchStart(Partition p) {
        redis.send(lastEntry(p.key)).onComplete(reply -> {
            if (reply.succeeded()) {
                p.lastId = idOfLast(reply.result());
            } else {
                Log.warnf("event partition %s: end not read (%s); the reader starts it at its end later", p.key,
                        reply.cause().getMessage());
            }
            synchronized (this) {
                changed();
            }
            p.started.complete(null);
        });
    }

    /**
     * The partitions to read now: drops those no room needs, leaves out those whose start is
     * still being taken (their joins wait for it, so nothing is lost).
     */
    synchronized List<Partition> toRead() {
        partitions.values().removeIf(p -> p.rooms == 0);
        versionRead = version;
        List<Partition> ready = new ArrayList<>(partitions.size());
        for (Partition p : partitions.values()) {
            if (p.started.isDone()) {
                ready.add(p);
            }
        }
        return ready;
    }

    /** Waits until the set to read changes, at most {@code millis}. */
    synchronized void awaitChange(long millis) throws InterruptedException {
        if (version == versionRead) {
            wait(millis);
        }
    }

    /** The indexes of the partitions read now (readiness data, tests). */
    public synchronized List<Integer> indexes() {
        return partitions.values().stream().filter(p -> p.rooms > 0).map(p -> p.index).sorted().toList();
    }

    private void changed() {
        version++;
        notifyAll();
    }

    /** {@code XREVRANGE key + - COUNT 1}: the end comes first ("- +" is an empty range). */
    static Request lastEntry(String key) {
        return Request.cmd(Command.XREVRANGE).arg(key).arg("+").arg("-").arg("COUNT").arg(1);
    }

    /** The id of the only entry of an XREVRANGE reply, or 0-0 for an empty stream. */
    static String idOfLast(Response reply) {
        return reply == null || reply.size() == 0 ? "0-0" : reply.get(0).get(0).toString();
    }
}
