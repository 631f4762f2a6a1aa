package chat.presence.service;

import chat.presence.config.PresenceConfig;
import chat.events.config.StreamsConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.set.SetCommands;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.SortedSetCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is connected where, in Redis: a sorted set of connections per room, a set of
 * {@code room|member} pairs per gateway, and a key per gateway that lives while it heartbeats.
 * Every operation is idempotent, since stream entries can be delivered twice.
 */
@ApplicationScoped
public class PresenceStore {

    private static final Duration LEFT_MARKER_TTL = Duration.ofMinutes(5);
    /** Requests per JOIN in {@link #joinAll}: room, gateway pair, two of the online index, leave marker (last). */
    private static final int JOIN_REQUESTS = 5;
    /** Requests per LEAVE in {@link #leaveAll}: leave marker, room (second), online index, gateway pair. */
    private static final int LEAVE_REQUESTS = 4;
    /** Connections of a dead gateway removed per pipelined round trip. */
    private static final int SWEEP_CHUNK = 500;

    private final RedisDataSource redis;
    private final SortedSetCommands<String, String> zsets;
    private final SetCommands<String, String> sets;
    private final ValueCommands<String, String> values;
    private final KeyCommands<String> keys;
    private final PresenceKeys k;
    private final PresenceConfig config;

    private final Redis pipeline;
    private final OnlineIndex online;

    /** A connection joining a room. */
    public record Join(String room, Connection connection) {
    }

    /** A connection leaving a room. */
    public record Leave(String room, Connection connection) {
    }

    public PresenceStore(RedisDataSource redis, Redis pipeline, OnlineIndex online, StreamsConfig streams,
            PresenceConfig config) {
        this.redis = redis;
        this.pipeline = pipeline;
        this.online = online;
        this.zsets = redis.sortedSet(String.class, String.class);
        this.sets = redis.set(String.class, String.class);
        this.values = redis.value(String.class, String.class);
        this.keys = redis.key(String.class);
        this.k = new PresenceKeys(streams.prefix());
        this.config = config;
    }

    /**
     * What a run of JOINs left in Redis: for each join, false when its connection had already left
     * (a late JOIN, not kept), and the usernames of the rooms read after the writes.
     */
    public record Joined(List<Boolean> recorded, Map<String, List<String>> usernames) {
    }

    /**
     * Records connections in their rooms (the room's sorted set, the gateway's connection set, the
     * {@link OnlineIndex}, the gateway's liveness) and then reads {@code roomsToRead}, all in one pipelined round trip. Each
     * member is written before its connection's leave marker is checked, so a LEAVE handled
     * meanwhile elsewhere can never leave it behind; a late JOIN (its connection left already) is
     * taken back at once and left out of the names read.
     */
    public Joined joinAll(List<Join> joins, long nowMillis, Collection<String> roomsToRead) {
        List<Request> requests = new ArrayList<>(joins.size() * JOIN_REQUESTS + roomsToRead.size() + 2);
        Set<String> gateways = new LinkedHashSet<>();
        for (Join join : joins) {
            Connection connection = join.connection();
            String member = connection.encode();
            requests.add(Request.cmd(Command.ZADD).arg(k.room(join.room())).arg(nowMillis).arg(member));
            requests.add(Request.cmd(Command.SADD).arg(k.gatewayConnections(connection.gatewayId()))
                    .arg(pair(join.room(), member)));
            requests.addAll(online.add(join.room(), connection));
            requests.add(Request.cmd(Command.EXISTS).arg(k.left(connection.gatewayId(), connection.connectionId())));
            gateways.add(connection.gatewayId());
        }
        for (String gatewayId : gateways) {
            requests.add(Request.cmd(Command.SET).arg(k.gatewayAlive(gatewayId)).arg("1").arg("PX")
                    .arg(config.gatewayTtl().toMillis()));
            requests.add(Request.cmd(Command.SADD).arg(k.gateways()).arg(gatewayId));
        }
        List<String> rooms = new ArrayList<>(roomsToRead);
        int readsFrom = requests.size();
        rooms.forEach(room -> requests.add(read(room)));
        List<Response> replies = pipeline.batchAndAwait(requests);

        List<Boolean> recorded = new ArrayList<>(joins.size());
        Set<String> late = new HashSet<>();
        List<Request> takeBack = new ArrayList<>();
        for (int i = 0; i < joins.size(); i++) {
            boolean left = replies.get(i * JOIN_REQUESTS + JOIN_REQUESTS - 1).toInteger() != 0;
            recorded.add(!left);
            if (left) {
                Join join = joins.get(i);
                String member = join.connection().encode();
                late.add(member);
                takeBack.add(Request.cmd(Command.ZREM).arg(k.room(join.room())).arg(member));
                takeBack.add(online.remove(join.room(), join.connection()));
                takeBack.add(Request.cmd(Command.SREM).arg(k.gatewayConnections(join.connection().gatewayId()))
                        .arg(pair(join.room(), member)));
            }
        }
        if (!takeBack.isEmpty()) {
            pipeline.batchAndAwait(takeBack);
        }
        return new Joined(recorded, names(rooms, replies, readsFrom, late));
    }

    /**
     * Removes connections from their rooms (whatever username each joined with) and then reads
     * {@code roomsToRead}, in one pipelined round trip: the marker that makes a late JOIN of each
     * ignored, its room member, its {@link OnlineIndex} entry, its gateway pair. A connection stored under another username than
     * its LEAVE names is then looked up on its own, and its room read again (rare).
     */
    public Map<String, List<String>> leaveAll(List<Leave> leaves, Collection<String> roomsToRead) {
        List<Request> requests = new ArrayList<>(leaves.size() * LEAVE_REQUESTS + roomsToRead.size());
        for (Leave leave : leaves) {
            Connection connection = leave.connection();
            String member = connection.encode();
            requests.add(Request.cmd(Command.SET).arg(k.left(connection.gatewayId(), connection.connectionId()))
                    .arg("1").arg("PX").arg(LEFT_MARKER_TTL.toMillis()));
            requests.add(Request.cmd(Command.ZREM).arg(k.room(leave.room())).arg(member));
            requests.add(online.remove(leave.room(), connection));
            requests.add(Request.cmd(Command.SREM).arg(k.gatewayConnections(connection.gatewayId()))
                    .arg(pair(leave.room(), member)));
        }
        List<String> rooms = new ArrayList<>(roomsToRead);
        int readsFrom = requests.size();
        rooms.forEach(room -> requests.add(read(room)));
        List<Response> replies = pipeline.batchAndAwait(requests);
        Map<String, List<String>> names = names(rooms, replies, readsFrom, Set.of());
        Set<String> reread = new HashSet<>();
        for (int i = 0; i < leaves.size(); i++) {
            if (replies.get(i * LEAVE_REQUESTS + 1).toInteger() == 0) {
                removeUnderAnyUsername(leaves.get(i).room(), leaves.get(i).connection());
                reread.add(leaves.get(i).room());
            }
        }
        reread.retainAll(names.keySet());
        if (!reread.isEmpty()) {
            names.putAll(usernames(reread));
        }
        return names;
    }

    private void removeUnderAnyUsername(String room, Connection connection) {
        String prefix = Connection.memberPrefix(connection.gatewayId(), connection.connectionId());
        for (String candidate : zsets.zrange(k.room(room), 0, -1)) {
            if (candidate.startsWith(prefix)) {
                zsets.zrem(k.room(room), candidate);
                Connection.parse(candidate).ifPresent(stored -> pipeline.sendAndAwait(online.remove(room, stored)));
                sets.srem(k.gatewayConnections(connection.gatewayId()), pair(room, candidate));
            }
        }
    }

    /** Marks a gateway alive for the configured TTL. */
    public void heartbeat(String gatewayId) {
        values.set(k.gatewayAlive(gatewayId), "1", new SetArgs().px(config.gatewayTtl()));
        sets.sadd(k.gateways(), gatewayId);
    }

    /** The live connections of a room. */
    public List<Connection> connections(String room) {
        List<Connection> connections = new ArrayList<>();
        for (String member : zsets.zrange(k.room(room), 0, -1)) {
            Connection.parse(member).ifPresent(connections::add);
        }
        return connections;
    }

    /** Each room's distinct usernames, sorted, read in one pipelined round trip for all the rooms. */
    public Map<String, List<String>> usernames(Collection<String> rooms) {
        if (rooms.isEmpty()) {
            return new HashMap<>();
        }
        List<String> ordered = new ArrayList<>(rooms);
        return names(ordered, pipeline.batchAndAwait(ordered.stream().map(this::read).toList()), 0, Set.of());
    }

    private Request read(String room) {
        return Request.cmd(Command.ZRANGE).arg(k.room(room)).arg(0).arg(-1);
    }

    /** The distinct usernames, sorted, of the rooms read by the replies from {@code from} on, but those of {@code without}. */
    private static Map<String, List<String>> names(List<String> rooms, List<Response> replies, int from,
            Set<String> without) {
        Map<String, List<String>> byRoom = new HashMap<>();
        for (int i = 0; i < rooms.size(); i++) {
            Set<String> names = new TreeSet<>();
            for (Response member : replies.get(from + i)) {
                String encoded = member.toString();
                if (!without.contains(encoded)) {
                    Connection.parse(encoded).ifPresent(c -> names.add(c.username()));
                }
            }
            byRoom.put(rooms.get(i), new ArrayList<>(names));
        }
        return byRoom;
    }

    /** Claims the right to relay one typing frame of a user in a room (false while throttled). */
    public boolean claimTyping(String room, long userId) {
        return setIfAbsent(k.typingThrottle(room, userId), "1", config.typingThrottle());
    }

    /** Remembers that a user is typing in a room, for the typing TTL. */
    public void markTyping(String room, long userId, long nowMillis) {
        String key = k.typing(room);
        zsets.zadd(key, nowMillis, Long.toString(userId));
        zsets.zremrangebyscore(key,
                ScoreRange.from(Double.NEGATIVE_INFINITY, nowMillis - config.typingTtl().toMillis()));
        keys.pexpire(key, config.typingTtl());
    }

    /** Ids of the users who typed in a room within the typing TTL. */
    public Set<Long> typing(String room, long nowMillis) {
        Set<Long> ids = new TreeSet<>();
        List<String> members = zsets.zrangebyscore(k.typing(room),
                ScoreRange.from(nowMillis - config.typingTtl().toMillis(), Double.POSITIVE_INFINITY));
        for (String member : members) {
            ids.add(Long.parseLong(member));
        }
        return ids;
    }

    /** Takes the sweep lock for a while (SET NX PX); false when another instance holds it. */
    public boolean tryLockSweep(String owner, Duration hold) {
        return setIfAbsent(k.sweepLock(), owner, hold);
    }

    /** Gateways that hold connections and whose heartbeat key expired. */
    public List<String> deadGateways() {
        List<String> dead = new ArrayList<>();
        for (String gatewayId : sets.smembers(k.gateways())) {
            if (!keys.exists(k.gatewayAlive(gatewayId))) {
                dead.add(gatewayId);
            }
        }
        return dead;
    }

    /**
     * Removes every connection of a dead gateway from its rooms and the online index, a chunk per
     * round trip; returns what it removed. Each pair leaves the gateway's set last, so a sweep cut
     * short leaves the rest for the next one.
     */
    public List<RemovedConnection> removeGateway(String gatewayId) {
        String gatewayKey = k.gatewayConnections(gatewayId);
        List<RemovedConnection> removed = new ArrayList<>();
        List<String> pairs = new ArrayList<>(sets.smembers(gatewayKey));
        for (int from = 0; from < pairs.size(); from += SWEEP_CHUNK) {
            List<Request> requests = new ArrayList<>();
            for (String pair : pairs.subList(from, Math.min(pairs.size(), from + SWEEP_CHUNK))) {
                int bar = pair.indexOf('|');
                if (bar > 0) {
                    String room = pair.substring(0, bar);
                    String member = pair.substring(bar + 1);
                    requests.add(Request.cmd(Command.ZREM).arg(k.room(room)).arg(member));
                    Connection.parse(member).ifPresent(c -> {
                        requests.add(online.remove(room, c));
                        removed.add(new RemovedConnection(room, c));
                    });
                }
                requests.add(Request.cmd(Command.SREM).arg(gatewayKey).arg(pair));
            }
            pipeline.batchAndAwait(requests);
        }
        if (sets.scard(gatewayKey) == 0 && !keys.exists(k.gatewayAlive(gatewayId))) {
            sets.srem(k.gateways(), gatewayId);
        }
        return removed;
    }

    /**
     * Adds the live connections of the gateways' sets that the {@link OnlineIndex} lacks (those
     * recorded by an instance that predates it), a chunk per round trip; returns how many it read.
     * A connection that left meanwhile is no longer in its room once added, and is taken out again.
     */
    public int indexLiveConnections() {
        int read = 0;
        for (String gatewayId : sets.smembers(k.gateways())) {
            List<Join> live = new ArrayList<>();
            for (String pair : sets.smembers(k.gatewayConnections(gatewayId))) {
                int bar = pair.indexOf('|');
                if (bar > 0) {
                    String room = pair.substring(0, bar);
                    Connection.parse(pair.substring(bar + 1)).ifPresent(c -> live.add(new Join(room, c)));
                }
            }
            for (int from = 0; from < live.size(); from += SWEEP_CHUNK) {
                index(live.subList(from, Math.min(live.size(), from + SWEEP_CHUNK)));
            }
            read += live.size();
        }
        return read;
    }

    /**
     * Takes out of the {@link OnlineIndex} the connections no longer in their rooms (left through
     * an instance that predates the index), a chunk of users per round trip; returns how many.
     * A join writes its room member before its index entry, so an entry whose member is gone has
     * left (or is being taken back) and may go.
     */
    public int dropLeftConnections() {
        List<Long> users = new ArrayList<>(online.online());
        int dropped = 0;
        for (int from = 0; from < users.size(); from += SWEEP_CHUNK) {
            List<Long> chunk = users.subList(from, Math.min(users.size(), from + SWEEP_CHUNK));
            List<Response> connections = online.connectionsOf(chunk);
            List<Long> owners = new ArrayList<>();
            List<String> entries = new ArrayList<>();
            List<Request> checks = new ArrayList<>();
            List<Request> drops = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                if (connections.get(i).size() == 0) {
                    drops.add(online.remove(chunk.get(i), "")); // an empty set: the user is not online
                }
                for (Response entry : connections.get(i)) {
                    String pair = entry.toString();
                    int bar = pair.indexOf('|');
                    owners.add(chunk.get(i));
                    entries.add(pair);
                    checks.add(Request.cmd(Command.ZSCORE).arg(k.room(pair.substring(0, Math.max(0, bar))))
                            .arg(pair.substring(bar + 1)));
                }
            }
            List<Response> scores = checks.isEmpty() ? List.of() : pipeline.batchAndAwait(checks);
            for (int i = 0; i < scores.size(); i++) {
                if (scores.get(i) == null) {
                    drops.add(online.remove(owners.get(i), entries.get(i)));
                }
            }
            if (!drops.isEmpty()) {
                pipeline.batchAndAwait(drops);
                dropped += drops.size();
            }
        }
        return dropped;
    }

    private void index(List<Join> chunk) {
        List<Request> requests = new ArrayList<>(chunk.size() * 3);
        for (Join c : chunk) {
            requests.addAll(online.add(c.room(), c.connection()));
            requests.add(Request.cmd(Command.ZSCORE).arg(k.room(c.room())).arg(c.connection().encode()));
        }
        List<Response> replies = pipeline.batchAndAwait(requests);
        List<Request> takeBack = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            if (replies.get(i * 3 + 2) == null) {
                takeBack.add(online.remove(chunk.get(i).room(), chunk.get(i).connection()));
            }
        }
        if (!takeBack.isEmpty()) {
            pipeline.batchAndAwait(takeBack);
        }
    }

    private boolean setIfAbsent(String key, String value, Duration ttl) {
        return redis.execute("SET", key, value, "NX", "PX", Long.toString(Math.max(1, ttl.toMillis()))) != null;
    }

    private static String pair(String room, String member) {
        return room + "|" + member;
    }
}
