package chat.gateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.stack.test.StackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The command connections against the real Redis: one per event loop, each keeping the order its
 * loop wrote in, and replaced after Redis dropped them.
 */
@QuarkusTest
@QuarkusTestResource(StackTestResource.class)
class CommandConnectionTest {

    private static final int LOOPS = 4;
    private static final int COMMANDS = 300;

    @Inject
    CommandConnection commands;
    @Inject
    Vertx vertx;

    private Vertx adminVertx;
    private Redis admin;
    private String key;

    @BeforeEach
    void setUp() {
        adminVertx = Vertx.vertx();
        admin = Redis.createClient(adminVertx, StackTestResource.infra.adminRedisUrl());
        // a key the gateway's Redis user may write: a message-command partition of this test's prefix
        key = StackTestResource.streamPrefix + ":{messages:" + Math.abs(UUID.randomUUID().hashCode() % 1000) + "}:in";
    }

    @AfterEach
    void tearDown() {
        admin.close();
        adminVertx.close();
    }

    @Test
    void eachEventLoopWritesOnItsOwnConnectionInItsOwnOrder() throws Exception {
        Set<String> threads = sendFromEventLoops("first");

        Map<String, List<Integer>> byLoop = readBack();
        assertEquals(LOOPS, byLoop.size());
        byLoop.forEach((loop, numbers) -> {
            assertEquals(COMMANDS, numbers.size(), "every command of " + loop + " arrived");
            for (int i = 0; i < numbers.size(); i++) {
                assertEquals(i, numbers.get(i), "in the order " + loop + " wrote them");
            }
        });
        assertTrue(commands.connections() >= threads.size(),
                "one connection per event loop that sent (" + threads + "), got " + commands.connections());
    }

    @Test
    void connectionsDroppedByRedisAreReplacedOnTheNextCommand() throws Exception {
        sendFromEventLoops("before");
        call("CLIENT", "KILL", "USER", "chat-gateway");

        // the first command on a dropped connection may fail (its sender hears unavailable); the next ones go through
        boolean through = false;
        for (int attempt = 0; attempt < 50 && !through; attempt++) {
            through = onLoop(() -> commands.send(xaddFrom("after", 0))).toCompletionStage().toCompletableFuture()
                    .handle((reply, failure) -> failure == null).get(10, TimeUnit.SECONDS);
            if (!through) {
                Thread.sleep(100);
            }
        }
        assertTrue(through, "a command went through after Redis dropped the connections");
    }

    /** Sends {@link #COMMANDS} commands from each of {@link #LOOPS} verticles (one event loop each), without waiting between them. */
    private Set<String> sendFromEventLoops(String round) throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Future<?>> all = new ArrayList<>();
        Object lock = new Object();
        String deployment = vertx.deployVerticle(() -> new AbstractVerticle() {

            @Override
            public void start() {
                threads.add(Thread.currentThread().getName());
                String loop = round + "-" + Thread.currentThread().getName() + "-" + UUID.randomUUID();
                List<Future<?>> mine = new ArrayList<>();
                for (int i = 0; i < COMMANDS; i++) {
                    mine.add(commands.send(xaddFrom(loop, i)));
                }
                synchronized (lock) {
                    all.addAll(mine);
                }
            }
        }, new DeploymentOptions().setInstances(LOOPS)).toCompletionStage().toCompletableFuture().get(30,
                TimeUnit.SECONDS);
        List<Future<?>> sent;
        synchronized (lock) {
            sent = new ArrayList<>(all);
        }
        Future.all(sent).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.undeploy(deployment).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return threads;
    }

    private <T> Future<T> onLoop(java.util.function.Supplier<Future<T>> action) {
        io.vertx.core.Promise<T> done = io.vertx.core.Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> action.get().onComplete(done));
        return done.future();
    }

    private Request xaddFrom(String loop, int n) {
        return Request.cmd(Command.XADD).arg(key).arg("*").arg("loop").arg(loop).arg("n").arg(n);
    }

    private Map<String, List<Integer>> readBack() throws Exception {
        Response entries = call("XRANGE", key, "-", "+");
        Map<String, List<Integer>> byLoop = new HashMap<>();
        for (Response entry : entries) {
            Response fields = entry.get(1);
            Map<String, String> f = new HashMap<>();
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                f.put(fields.get(i).toString(), fields.get(i + 1).toString());
            }
            byLoop.computeIfAbsent(f.get("loop"), l -> new ArrayList<>()).add(Integer.parseInt(f.get("n")));
        }
        return byLoop;
    }

    private Response call(String command, Object... args) throws Exception {
        Request request = Request.cmd(Command.create(command));
        for (Object arg : args) {
            request.arg(String.valueOf(arg));
        }
        return admin.send(request).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
