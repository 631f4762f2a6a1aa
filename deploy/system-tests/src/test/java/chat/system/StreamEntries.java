package chat.system;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads (and appends to) the test stack's Redis streams, and reads sorted sets, with the Vert.x Redis
 * client: to measure what they hold and to play a producer.
 */
final class StreamEntries implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final Redis redis;

    StreamEntries(String redisUrl) {
        this.redis = Redis.createClient(vertx, redisUrl);
    }

    /** The size in bytes (field names and values) of the largest entry of any stream whose key starts with the prefix. */
    long largestEntryBytes(String prefix) throws Exception {
        long largest = 0;
        for (String key : keys(prefix + ":*")) {
            if (!"stream".equals(call(Request.cmd(Command.TYPE).arg(key)).toString())) {
                continue;
            }
            for (Response entry : call(Request.cmd(Command.XRANGE).arg(key).arg("-").arg("+"))) {
                long size = 0;
                for (Response field : entry.get(1)) {
                    size += field.toBytes().length;
                }
                largest = Math.max(largest, size);
            }
        }
        return largest;
    }

    /** The latest {@code count} entries of one stream, newest first, as field maps (XREVRANGE + - COUNT). */
    List<java.util.Map<String, String>> latest(String key, int count) throws Exception {
        List<java.util.Map<String, String>> out = new ArrayList<>();
        for (Response entry : call(Request.cmd(Command.XREVRANGE).arg(key).arg("+").arg("-").arg("COUNT").arg(count))) {
            java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
            Response pairs = entry.get(1);
            for (int i = 0; i + 1 < pairs.size(); i += 2) {
                fields.put(pairs.get(i).toString(), pairs.get(i + 1).toString());
            }
            out.add(fields);
        }
        return out;
    }

    /** Appends an entry (XADD key * fields...); its id. */
    String add(String key, java.util.Map<String, String> fields) throws Exception {
        Request xadd = Request.cmd(Command.XADD).arg(key).arg("*");
        fields.forEach((k, v) -> xadd.arg(k).arg(v));
        return call(xadd).toString();
    }

    /** The members of a sorted set, lowest score first (ZRANGE key 0 -1). */
    List<String> members(String key) throws Exception {
        List<String> members = new ArrayList<>();
        for (Response member : call(Request.cmd(Command.ZRANGE).arg(key).arg(0).arg(-1))) {
            members.add(member.toString());
        }
        return members;
    }

    private List<String> keys(String pattern) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Response key : call(Request.cmd(Command.KEYS).arg(pattern))) {
            keys.add(key.toString());
        }
        return keys;
    }

    private Response call(Request request) throws Exception {
        return redis.send(request).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        redis.close();
        vertx.close();
    }
}
