package chat.gateway.stream;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ProtocolVersion;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The event reader's Redis client, on a Vert.x instance of its own with one event loop.
 *
 * <p>Why not the application's Redis client: its connections live on the event loops that also
 * serve every WebSocket, so under load the replies to the reader's reads waited behind thousands
 * of socket writes until they passed the client's timeout, and delivery stalled exactly when it
 * mattered. Quarkus offers no way to pin a Redis client to a loop of its own, and the loops of
 * the application's Vert.x are shared round-robin; a small separate Vert.x (plain Vert.x Redis
 * client, same URL and credentials) keeps the reader's replies off those loops.
 */
@ApplicationScoped
public class EventReaderRedis {

    private final Vertx vertx;
    private final Redis client;

    @Inject
    public EventReaderRedis(@ConfigProperty(name = "quarkus.redis.hosts") String hosts) {
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        // the first URL, as the application's client uses it (user and password in the URL);
        // RESP2: stream replies as plain arrays whatever the server prefers
        this.client = Redis.createClient(vertx, new RedisOptions().setConnectionString(hosts.split(",")[0].trim())
                .setMaxPoolSize(4).setMaxPoolWaiting(64).setPreferredProtocolVersion(ProtocolVersion.RESP2));
    }

    /** Sends one command on a pooled connection of this client (a blocking read holds one while it waits). */
    public Future<Response> send(Request request) {
        return client.send(request);
    }

    @PreDestroy
    void close() {
        client.close();
        vertx.close();
    }
}
