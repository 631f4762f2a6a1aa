package chat.events.redis;

import io.quarkus.redis.datasource.RedisDataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jboss.logging.Logger;

/**
 * Consumes a stream split into partitions ({@code chat:{messages:N}:in}): each partition is
 * owned by one instance at a time ({@link PartitionLeases}) and read by one
 * {@link StreamConsumer} thread of that instance, so partitions go in parallel while the order
 * within each (and so within each room) holds. Instances share the partitions fairly; when one
 * dies, its leases expire and the others take its partitions, with their pending entries.
 */
public final class PartitionedConsumer implements ManagedConsumer {

    private static final Logger LOG = Logger.getLogger(PartitionedConsumer.class);

    private final RedisDataSource redis;
    private final List<String> partitionKeys;
    private final StreamConsumer.Settings settings;
    private final BatchHandler handler;
    private final PartitionLeases leases;
    private final long ttlMillis;
    /** Read by health checks without the rebalance lock, which may be held while a consumer stops. */
    private final ConcurrentSkipListMap<Integer, StreamConsumer> owned = new ConcurrentSkipListMap<>();
    private volatile boolean running;
    private volatile String problem;
    private Thread thread;

    /**
     * @param partitionKeys the partition streams, in partition order
     * @param membersKey    the sorted set in which instances announce themselves
     * @param settings      consumer settings (its key is replaced by each partition's)
     * @param leaseTtl      how long a lease lasts without renewal: the failover time
     */
    public PartitionedConsumer(RedisDataSource redis, List<String> partitionKeys, String membersKey,
            StreamConsumer.Settings settings, Duration leaseTtl, BatchHandler handler) {
        this.redis = redis;
        this.partitionKeys = List.copyOf(partitionKeys);
        this.settings = settings;
        this.handler = handler;
        this.ttlMillis = leaseTtl.toMillis();
        this.leases = new PartitionLeases(redis, membersKey, settings.consumer(), ttlMillis);
    }

    @Override
    public String name() {
        return settings.group() + " on " + partitionKeys.size() + " partitions";
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "leases-" + settings.group());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(ttlMillis + 15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public ConsumerHealth health() {
        if (!running) {
            return ConsumerHealth.down(name(), "stopped");
        }
        if (problem != null) {
            return ConsumerHealth.down(name(), problem);
        }
        long lag = 0;
        String paused = null;
        for (StreamConsumer c : owned.values()) {
            lag += c.lag();
            if (c.pausedBecause() != null) {
                paused = c.settings().key() + ": " + c.pausedBecause();
            }
        }
        return paused != null
                ? ConsumerHealth.down(name(), paused)
                : ConsumerHealth.up(name(), lag).with("owned_partitions", owned.keySet().toString());
    }

    /** The partitions this instance consumes now. */
    public List<Integer> ownedPartitions() {
        return List.copyOf(owned.keySet());
    }

    private void run() {
        while (running) {
            try {
                rebalance();
                problem = null;
            } catch (RuntimeException e) {
                problem = "leases: " + e.getMessage();
                LOG.warnf("partitions of %s: %s", settings.group(), e.getMessage());
            }
            sleep(ttlMillis / 3);
        }
        synchronized (this) {
            for (Map.Entry<Integer, StreamConsumer> e : owned.entrySet()) {
                e.getValue().stop();
                releaseQuietly(e.getKey());
            }
            owned.clear();
        }
        try {
            leases.leave();
        } catch (RuntimeException e) {
            LOG.debugf("partitions of %s: leaving the member set failed: %s", settings.group(), e.getMessage());
        }
    }

    private synchronized void rebalance() {
        long members = leases.heartbeat();
        // keep what is still ours; a lease lost (this instance stalled past the TTL) stops its consumer at once
        owned.entrySet().removeIf(e -> {
            if (leases.renew(partitionKeys.get(e.getKey()))) {
                return false;
            }
            LOG.warnf("partition %s: lease lost, stopping its consumer", partitionKeys.get(e.getKey()));
            e.getValue().stop();
            return true;
        });
        int share = PartitionLeases.share(partitionKeys.size(), members);
        for (int p : PartitionLeases.preferenceOrder(partitionKeys.size(), settings.consumer())) {
            if (owned.size() >= share) {
                break;
            }
            if (!owned.containsKey(p) && leases.tryAcquire(partitionKeys.get(p))) {
                StreamConsumer consumer = new StreamConsumer(redis, settings.forKey(partitionKeys.get(p), true),
                        handler);
                owned.put(p, consumer);
                consumer.start();
                LOG.infof("partition %s: now consumed by %s (%d of %d partitions, %d members)",
                        partitionKeys.get(p), settings.consumer(), owned.size(), partitionKeys.size(), members);
            }
        }
        while (owned.size() > share) { // another member joined: hand over the surplus
            int p = owned.lastKey();
            owned.remove(p).stop();
            releaseQuietly(p);
            LOG.infof("partition %s: handed over (share is now %d)", partitionKeys.get(p), share);
        }
    }

    private void releaseQuietly(int p) {
        try {
            leases.release(partitionKeys.get(p));
        } catch (RuntimeException e) {
            LOG.debugf("partition %s: release failed (the lease expires instead): %s", partitionKeys.get(p),
                    e.getMessage());
        }
    }

    private void sleep(long millis) {
        Sleeps.sleepWhile(() -> running, millis);
    }
}
