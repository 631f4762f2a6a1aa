package chat.gateway.limits;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * A Lua script called by its SHA-1 ({@code EVALSHA}): Redis neither receives nor hashes the body
 * on every call (the connection scripts run once per upgrade). Only when Redis does not know the
 * script yet (after a restart, a failover or {@code SCRIPT FLUSH}, answered {@code NOSCRIPT}, in
 * which case none of the batch ran) is the batch sent once more by body ({@code EVAL}), which
 * also puts the script back into Redis's cache for the calls after it.
 */
final class LuaScript {

    private final String body;
    private final String sha1;

    LuaScript(String body) {
        this.body = body;
        this.sha1 = sha1Hex(body);
    }

    /** A call of this script with its number of keys, by SHA-1 or by body; the caller adds keys and arguments. */
    Request call(boolean byBody, int keys) {
        return byBody
                ? Request.cmd(Command.EVAL).arg(body).arg(keys)
                : Request.cmd(Command.EVALSHA).arg(sha1).arg(keys);
    }

    /**
     * Sends the calls {@code requests} builds (by SHA-1 first) in one pipelined round trip; sends
     * them again by body if Redis did not know a script.
     */
    static Uni<List<Response>> batch(Redis redis, Function<Boolean, List<Request>> requests) {
        return redis.batch(requests.apply(false))
                .onFailure(LuaScript::unknownScript).recoverWithUni(unknown -> redis.batch(requests.apply(true)));
    }

    /** Redis's answer to an EVALSHA of a script it does not hold (in a batch: {@code ERR [i] NOSCRIPT ...}). */
    static boolean unknownScript(Throwable failure) {
        String message = failure.getMessage();
        return message != null && message.contains("NOSCRIPT");
    }

    private static String sha1Hex(String body) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JVM", e);
        }
    }
}
