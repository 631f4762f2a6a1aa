package chat.gateway.limits;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.TimeUnit;

/** Blocking commands as Redis's administrator, for tests that look at or take away what a service sees. */
final class AdminRedis implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final Redis redis;

    AdminRedis(String adminUrl) {
        this.redis = Redis.createClient(vertx, adminUrl);
    }

    Response call(String command, Object... args) {
        Request request = Request.cmd(Command.create(command));
        for (Object arg : args) {
            request.arg(String.valueOf(arg));
        }
        try {
            return redis.send(request).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(command + " failed", e);
        }
    }

    @Override
    public void close() {
        redis.close();
        vertx.close();
    }
}
