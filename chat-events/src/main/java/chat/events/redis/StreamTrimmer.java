package chat.events.redis;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.XPendingSummary;
import io.quarkus.redis.datasource.stream.XTrimArgs;
import io.vertx.mutiny.redis.client.Response;

/**
 * Trims a command stream to what every consumer group has acknowledged, never further: entries
 * below the oldest pending (or, with nothing pending, up to the last delivered) entry of every
 * group are gone for good. The producers never trim command streams; the backlog they refuse
 * beyond is measured from the length this leaves.
 */
final class StreamTrimmer {

    /** What one trim saw: entries left (not acknowledged by the slowest group) and this group's pending. */
    record Measure(long lag, long pending) {
    }

    private final RedisDataSource redis;
    private final StreamCommands<String, String, String> streams;
    private final String key;

    StreamTrimmer(RedisDataSource redis, String key) {
        this.redis = redis;
        this.streams = redis.stream(String.class);
        this.key = key;
    }

    Measure trimToAcknowledged(String ownGroup) {
        Response groups = redis.execute("XINFO", "GROUPS", key);
        String keepFrom = null;
        long ownPending = 0;
        for (Response group : groups) {
            String name = field(group, "name");
            long pending = Long.parseLong(field(group, "pending"));
            String from;
            if (pending > 0) {
                XPendingSummary summary = streams.xpending(key, name);
                from = summary.getLowestId();
            } else {
                from = field(group, "last-delivered-id");
            }
            if (name.equals(ownGroup)) {
                ownPending = pending;
            }
            if (from != null && (keepFrom == null || compare(from, keepFrom) < 0)) {
                keepFrom = from;
            }
        }
        if (keepFrom != null && !keepFrom.equals("0-0")) {
            streams.xtrim(key, new XTrimArgs().minid(keepFrom));
        }
        return new Measure(streams.xlen(key), ownPending);
    }

    /** A field of an XINFO answer: a map under RESP3, a flat name/value array under RESP2. */
    private static String field(Response map, String name) {
        if (isMap(map) && map.containsKey(name)) {
            Response value = map.get(name);
            return value == null ? null : value.toString();
        }
        for (int i = 0; i + 1 < map.size(); i += 2) {
            if (name.equals(map.get(i).toString())) {
                Response value = map.get(i + 1);
                return value == null ? null : value.toString();
            }
        }
        return null;
    }

    private static boolean isMap(Response response) {
        try {
            return response.getKeys() != null && !response.getKeys().isEmpty();
        } catch (RuntimeException notAMap) {
            return false;
        }
    }

    /** Orders stream ids ({@code millis-seq}) numerically. */
    static int compare(String a, String b) {
        int da = a.indexOf('-');
        int db = b.indexOf('-');
        int byTime = Long.compare(Long.parseLong(a.substring(0, da)), Long.parseLong(b.substring(0, db)));
        return byTime != 0
                ? byTime
                : Long.compare(Long.parseLong(a.substring(da + 1)), Long.parseLong(b.substring(db + 1)));
    }
}
