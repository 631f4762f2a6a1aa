package chat.gateway.stream;

import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's Redis connections for commands, used pipelined: one per event loop, opened on
 * that loop, plus one shared by any other thread. A socket's frames are all read by one event
 * loop, so they reach their stream in the order the client sent them although the socket never
 * waits for a round trip before reading its next frame, and no frame waits for a pooled
 * connection.
 *
 * <p>Why per loop, and why per turn: with one connection for the gateway, a frame read by
 * another loop was handed over to the connection's loop (a thread wake-up per frame) and every
 * frame took the same lock; and each command was one socket write for the gateway and one
 * read for Redis. Now the commands a loop produces during one turn of its loop (all frames of
 * the sockets that were ready together) are written at the end of that turn, on that loop, as
 * one pipelined write. Under load that is many commands per system call; idle, it is one, as
 * before, and no later. A broken connection is replaced on its loop's next command.
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
    /** Per event loop: the commands of its current turn (only ever touched by that loop's thread). */
    private final Map<Thread, Turn> turns = new ConcurrentHashMap<>();

    public CommandConnection(io.vertx.mutiny.redis.client.Redis redis) {
        this.redis = redis.getDelegate();
    }

    /** Sends the command; on an event loop it goes out with the other commands of the loop's turn. */
    public Future<Response> send(Request request) {
        Context context = Vertx.currentContext();
        if (context == null || !Context.isOnEventLoopThread()) {
            return sendNow(OFF_LOOP, request);
        }
        Thread loop = Thread.currentThread();
        return turns.computeIfAbsent(loop, Turn::new).add(request, context);
    }

    /** How many command connections are open or opening (one per event loop that sent a command). */
    public int connections() {
        return connections.size();
    }

    private Future<Response> sendNow(Object owner, Request request) {
        Future<RedisConnection> connection = current(owner);
        return connection.compose(c -> c.send(request)).onFailure(failure -> dropIfBroken(owner, connection, failure));
    }

    /** The commands one event loop produced since its last flush, written together at the end of its turn. */
    private final class Turn {

        private final Thread loop;
        private List<Request> requests = new ArrayList<>();
        private List<Promise<Response>> answers = new ArrayList<>();

        Turn(Thread loop) {
            this.loop = loop;
        }

        Future<Response> add(Request request, Context context) {
            if (requests.isEmpty()) {
                context.runOnContext(v -> flush()); // runs once the loop has handled everything it read this turn
            }
            Promise<Response> answer = Promise.promise();
            requests.add(request);
            answers.add(answer);
            return answer.future();
        }

        private void flush() {
            List<Request> sending = requests;
            List<Promise<Response>> waiting = answers;
            requests = new ArrayList<>();
            answers = new ArrayList<>();
            if (sending.size() == 1) {
                sendNow(loop, sending.get(0)).onComplete(waiting.get(0));
                return;
            }
            Future<RedisConnection> connection = current(loop);
            // a batch fails as a whole (even for one error reply): each of its frames is then answered unavailable
            connection.compose(c -> c.batch(sending)).onComplete(done -> {
                if (done.succeeded()) {
                    List<Response> replies = done.result();
                    for (int i = 0; i < waiting.size(); i++) {
                        waiting.get(i).complete(replies.get(i));
                    }
                } else {
                    dropIfBroken(loop, connection, done.cause());
                    waiting.forEach(answer -> answer.fail(done.cause()));
                }
            });
        }
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
