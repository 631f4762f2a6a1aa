package chat.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.stack.ServiceKind;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Command;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each service's Redis user reaches only its own keys: logged in as one service, another
 * service's streams and keys answer {@code NOPERM}, as do administrative commands, while its own
 * keys answer (the services' work itself is what every other system test exercises).
 */
class RedisAclSystemTest {

    private static SystemStack stack;
    private static Vertx vertx;
    private static String p;

    @BeforeAll
    static void startSystem() {
        stack = SystemStack.get();
        vertx = Vertx.vertx();
        p = stack.services.streamPrefix();
    }

    @AfterAll
    static void stopClient() {
        vertx.close();
    }

    @Test
    void eachServiceIsRefusedOnTheOtherServicesKeys() throws Exception {
        refused(ServiceKind.PRESENCE,
                Request.cmd(Command.XADD).arg(p + ":{messages:0}:in").arg("*").arg("type").arg("forged"));
        refused(ServiceKind.PRESENCE, Request.cmd(Command.HGETALL).arg(p + ":user-conns:1"));
        refused(ServiceKind.GATEWAY, Request.cmd(Command.GET).arg(p + ":presence:gateways"));
        refused(ServiceKind.GATEWAY, Request.cmd(Command.XLEN).arg(p + ":{messages:0}:in:dead"));
        refused(ServiceKind.GATEWAY, Request.cmd(Command.GET).arg(p + ":{messages:0}:in:owner"));
        refused(ServiceKind.MESSAGE, Request.cmd(Command.HGETALL).arg(p + ":user-conns:1"));
        refused(ServiceKind.MESSAGE,
                Request.cmd(Command.XADD).arg(p + ":{presence}:in").arg("*").arg("type").arg("forged"));
        refused(ServiceKind.MEDIA, Request.cmd(Command.XLEN).arg(p + ":{presence}:in"));
        refused(ServiceKind.MEDIA, Request.cmd(Command.GET).arg(p + ":presence:sweep-lock"));
        refused(ServiceKind.AUTH,
                Request.cmd(Command.XADD).arg(p + ":{messages:0}:in").arg("*").arg("type").arg("forged"));
        refused(ServiceKind.AUTH, Request.cmd(Command.XLEN).arg(p + ":{events:0}:out"));
        for (ServiceKind kind : ServiceKind.values()) {
            refused(kind, Request.cmd(Command.FLUSHALL));
            refused(kind, Request.cmd(Command.KEYS).arg("*"));
            refused(kind, Request.cmd(Command.CONFIG).arg("GET").arg("*"));
        }
    }

    @Test
    void eachServiceReachesItsOwnKeys() throws Exception {
        assertTrue(send(ServiceKind.GATEWAY, Request.cmd(Command.XLEN).arg(p + ":{events:0}:out")) >= 0);
        assertTrue(send(ServiceKind.GATEWAY, Request.cmd(Command.HLEN).arg(p + ":user-conns:1")) >= 0);
        assertTrue(send(ServiceKind.MESSAGE, Request.cmd(Command.XLEN).arg(p + ":{messages:0}:in:dead")) >= 0);
        assertTrue(send(ServiceKind.MEDIA, Request.cmd(Command.XLEN).arg(p + ":{media}:in")) >= 0);
        assertTrue(send(ServiceKind.PRESENCE, Request.cmd(Command.EXISTS).arg(p + ":presence:gateways")) >= 0);
    }

    private static long send(ServiceKind kind, Request request) throws Exception {
        Redis redis = Redis.createClient(vertx, stack.infra.redisUrl(kind));
        try {
            return redis.send(request).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).toLong();
        } finally {
            redis.close();
        }
    }

    private static void refused(ServiceKind kind, Request request) throws Exception {
        try {
            send(kind, request);
            throw new AssertionError(kind + " may run " + request);
        } catch (ExecutionException e) {
            String message = String.valueOf(e.getCause().getMessage());
            assertTrue(message.startsWith("NOPERM"), kind + " " + request + ": " + message);
        }
    }
}
