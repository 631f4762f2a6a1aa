package chat.gateway.stream;

import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's Redis connections for commands, used pipelined: one per event loop, opened on
 * that loop, plus one shared by any other thread. Every command is written at once, on the
 * thread that read its frame, in the order the frames were read, and answered in that order.
 * A socket's frames are all read by one event loop, so they reach their stream in the order
 * the client sent them although the socket never waits for a round trip before reading its
 * next frame, and no frame waits for a pooled connection. A connection per loop (not one for
 * the gateway) keeps each write on the loop that produced it: with a single connection, a frame
 * read by another loop was handed over to the connection's loop, one thread wake-up per frame,
 * and every frame took the same lock. A broken connection is replaced on its loop's next command.
 *
 * <p>On the plain Vert.x client ({@link Future}), not the Mutiny one: this runs for every frame,
 * and each Mutiny operator on the event loop captured and restored the request context
 * (about a tenth of the gateway's CPU under ingest in a profile).
 */
@ApplicationScoped
public class CommandConnection {

    /** The key of the connection shared by threads that are not event loops. */
    private static final Object OFF_LOOP = new Object();

    private final Redis redis;
    private final Map<Object, Future<RedisConnection>> connections = new ConcurrentHashMap<>();

    public CommandConnection(io.vertx.mutiny.redis.client.Redis redis) {
        this.redis = redis.getDelegate();
    }

    public Future<Response> send(Request request) {
        Object owner = Context.isOnEventLoopThread() ? Thread.currentThread() : OFF_LOOP;
        Future<RedisConnection> connection = current(owner);
        return connection.compose(c -> c.send(request)).onFailure(failure -> dropIfBroken(owner, connection, failure));
    }

    /** How many command connections are open or opening (one per event loop that sent a command). */
    public int connections() {
        return connections.size();
    }

    private Future<RedisConnection> current(Object owner) {
        Future<RedisConnection> existing = connections.get(owner);
        if (existing != null) {
            return existing;
        }
        Promise<RedisConnection> opening = Promise.promise();
        Future<RedisConnection> raced = connections.putIfAbsent(owner, opening.future());
        if (raced != null) {
            return raced; // another thread without a loop of its own opened the shared one first
        }
        // opened from the owner's thread: on an event loop, the connection's socket then lives on that loop
        redis.connect()
                .onSuccess(c -> {
                    c.exceptionHandler(e -> forget(owner, opening.future(), "failed: " + e.getMessage()));
                    c.endHandler(v -> forget(owner, opening.future(), "closed"));
                })
                .onFailure(e -> forget(owner, opening.future(), "could not connect: " + e.getMessage()))
                .onComplete(opening);
        return opening.future();
    }

    /**
     * A Redis error reply (e.g. LOADING) leaves the connection usable; a transport failure does not.
     * The client fails with error replies that are themselves a {@link Response}, which tells the
     * two apart through its public API.
     */
    private void dropIfBroken(Object owner, Future<RedisConnection> connection, Throwable failure) {
        if (!(failure instanceof Response)) {
            forget(owner, connection, failure.getMessage());
        }
    }

    /** Forgets the owner's connection if it is still this one (a newer one stays). */
    private void forget(Object owner, Future<RedisConnection> connection, String why) {
        if (connections.remove(owner, connection)) {
            Log.infof("command connection to Redis %s; a new one is opened for the next command", why);
        }
    }
}
