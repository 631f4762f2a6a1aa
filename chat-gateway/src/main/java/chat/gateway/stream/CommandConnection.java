package chat.gateway.stream;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One Redis connection for the gateway's commands, used pipelined: every command is written
 * at once, in the order the frames were read, and answered in that order. Frames of one
 * socket therefore reach their stream in the order the client sent them although the socket
 * never waits for a round trip before reading its next frame, and no frame waits for a pooled
 * connection. A broken connection is replaced on the next command.
 */
@ApplicationScoped
public class CommandConnection {

    private final Redis redis;
    private Uni<RedisConnection> connection;

    public CommandConnection(Redis redis) {
        this.redis = redis;
    }

    public Uni<Response> send(Request request) {
        return current().flatMap(c -> c.send(request)).onFailure().invoke(this::dropIfBroken);
    }

    private synchronized Uni<RedisConnection> current() {
        if (connection == null) {
            Uni<RedisConnection> opening = redis.connect()
                    .onItem().invoke(c -> {
                        c.exceptionHandler(e -> forget("failed: " + e.getMessage()));
                        c.endHandler(() -> forget("closed"));
                    })
                    .onFailure().invoke(e -> forget("could not connect: " + e.getMessage()))
                    .memoize().indefinitely();
            connection = opening;
        }
        return connection;
    }

    /** A Redis error reply (e.g. LOADING) leaves the connection usable; a transport failure does not. */
    private void dropIfBroken(Throwable failure) {
        String type = failure.getClass().getName();
        if (!type.startsWith("io.vertx.redis.client.impl.types")) {
            forget(failure.getMessage());
        }
    }

    private synchronized void forget(String why) {
        if (connection != null) {
            Log.infof("command connection to Redis %s; a new one is opened for the next command", why);
            connection = null;
        }
    }
}
