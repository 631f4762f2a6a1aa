package chat.events.redis;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import java.util.List;

/**
 * Time-limited ownership of stream partitions in Redis, so that each partition is consumed by
 * one instance at a time and per-room order holds across instances.
 *
 * <p>A lease is a key {@code <partition stream>:owner} holding the owner's name with an expiry
 * (set with {@code NX}, renewed and released only by its owner, atomically by script). Members
 * announce themselves in a sorted set scored by their last heartbeat, which gives every
 * instance the same fair share: {@code ceil(partitions / live members)}. An instance that dies
 * stops renewing; its leases expire and the others take its partitions over.
 */
final class PartitionLeases {

    private static final String RENEW = """
            if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
            return 0""";
    private static final String RELEASE = """
            if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
            return 0""";

    private final RedisDataSource redis;
    private final String membersKey;
    private final String owner;
    private final long ttlMillis;

    PartitionLeases(RedisDataSource redis, String membersKey, String owner, long ttlMillis) {
        this.redis = redis;
        this.membersKey = membersKey;
        this.owner = owner;
        this.ttlMillis = ttlMillis;
    }

    static String leaseKey(String partitionKey) {
        return partitionKey + ":owner";
    }

    /** Records this member as alive and returns how many members are alive (this one included). */
    long heartbeat() {
        long now = System.currentTimeMillis();
        redis.execute("ZADD", membersKey, Long.toString(now), owner);
        redis.execute("ZREMRANGEBYSCORE", membersKey, "-inf", "(" + (now - ttlMillis));
        Response count = redis.execute("ZCARD", membersKey);
        return Math.max(1, count.toLong());
    }

    /** Leaves the member set (at shutdown), so that the others rebalance at once. */
    void leave() {
        redis.execute("ZREM", membersKey, owner);
    }

    boolean tryAcquire(String partitionKey) {
        Response ok = redis.execute("SET", leaseKey(partitionKey), owner, "NX", "PX", Long.toString(ttlMillis));
        return ok != null && "OK".equals(ok.toString());
    }

    /** True while the lease is still ours (and now extended). */
    boolean renew(String partitionKey) {
        Response r = redis.execute("EVAL", RENEW, "1", leaseKey(partitionKey), owner, Long.toString(ttlMillis));
        return r != null && r.toLong() == 1;
    }

    void release(String partitionKey) {
        redis.execute("EVAL", RELEASE, "1", leaseKey(partitionKey), owner);
    }

    /** Fair share of {@code partitions} among {@code members}. */
    static int share(int partitions, long members) {
        return (int) Math.min(partitions, (partitions + members - 1) / members);
    }

    /** Partition order in which this member tries to take free ones, so that members start apart. */
    static List<Integer> preferenceOrder(int partitions, String owner) {
        int start = Math.floorMod(owner.hashCode(), partitions);
        return java.util.stream.IntStream.range(0, partitions).map(i -> (start + i) % partitions).boxed().toList();
    }
}
