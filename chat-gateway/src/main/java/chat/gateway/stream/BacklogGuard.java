package chat.gateway.stream;

import chat.events.StreamNames;
import chat.events.config.StreamsConfig;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Backpressure instead of trimming: command partitions are never trimmed by their producers,
 * so once one holds more unacknowledged entries than {@code chat.streams.max-backlog} (its
 * consumer trims what it acknowledged), new message frames for its rooms are refused with
 * {@code unavailable} until it drains. The lengths are read once a second, for every partition.
 */
@ApplicationScoped
public class BacklogGuard {

    private static final long CHECK_MILLIS = 1_000;

    private final ReactiveRedisDataSource redis;
    private final Vertx vertx;
    private final List<String> partitions;
    private final int partitionCount;
    private final long maxBacklog;
    private final boolean[] full;
    private long timer = -1;

    public BacklogGuard(ReactiveRedisDataSource redis, Vertx vertx, StreamsConfig config) {
        this.redis = redis;
        this.vertx = vertx;
        this.partitionCount = config.messagePartitions();
        this.partitions = new StreamNames(config.prefix()).messageCommandPartitions(partitionCount);
        this.maxBacklog = config.maxBacklog();
        this.full = new boolean[partitionCount];
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(CHECK_MILLIS, id -> check());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** True while the room's partition holds more unacknowledged commands than the bound. */
    public boolean isFull(String room) {
        return full[StreamNames.partitionOf(room, partitionCount)];
    }

    private void check() {
        for (int p = 0; p < partitionCount; p++) {
            int partition = p;
            redis.stream(String.class).xlen(partitions.get(p)).subscribe().with(length -> {
                boolean nowFull = length > maxBacklog;
                if (nowFull != full[partition]) {
                    Log.warnf("command partition %s: %d entries, %s", partitions.get(partition), length,
                            nowFull ? "refusing new messages until it drains" : "accepting messages again");
                }
                full[partition] = nowFull;
            }, failure -> Log.debugf("backlog of %s unknown: %s", partitions.get(partition), failure.getMessage()));
        }
    }
}
