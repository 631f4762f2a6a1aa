package chat.gateway.stream;

import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One Redis connection for the gateway's commands, used pipelined: every command is written
 * at once, in the order the frames were read, and answered in that order. Frames of one
 * socket therefore reach their stream in the order the client sent them although the socket
 * never waits for a round trip before reading its next frame, and no frame waits for a pooled
 * connection. A broken connection is replaced on the next command.
 *
 * <p>On the plain Vert.x client ({@link Future}), not the Mutiny one: this runs for every frame,
 * and each Mutiny operator on the event loop captured and restored the request context
 * (about a tenth of the gateway's CPU under ingest in a profile).
 */
@ApplicationScoped
public class CommandConnection {

    private final Redis redis;
    private Future<RedisConnection> connection;

    public CommandConnection(io.vertx.mutiny.redis.client.Redis redis) {
        this.redis = redis.getDelegate();
    }

    public Future<Response> send(Request request) {
        return current().compose(c -> c.send(request)).onFailure(this::dropIfBroken);
    }

    private synchronized Future<RedisConnection> current() {
        if (connection == null) {
            connection = redis.connect()
                    .onSuccess(c -> {
                        c.exceptionHandler(e -> forget("failed: " + e.getMessage()));
                        c.endHandler(v -> forget("closed"));
                    })
                    .onFailure(e -> forget("could not connect: " + e.getMessage()));
        }
        return connection;
    }

    /**
     * A Redis error reply (e.g. LOADING) leaves the connection usable; a transport failure does not.
     * The client fails with error replies that are themselves a {@link Response}, which tells the
     * two apart through its public API.
     */
    private void dropIfBroken(Throwable failure) {
        if (!(failure instanceof Response)) {
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
