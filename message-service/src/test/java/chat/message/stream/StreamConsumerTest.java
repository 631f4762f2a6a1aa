package chat.message.stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.events.redis.StreamConsumer;
import chat.events.redis.StreamEntry;
import chat.stack.test.StackTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared consumer loop against a real Redis, with handlers that fail the way PostgreSQL
 * does: data errors are dead-lettered at once and delay nothing behind them, outages pause the
 * consumer and never dead-letter, unexplained failures are retried and then dead-lettered,
 * entries a crashed consumer left pending are claimed (once idle, or at once by an exclusive
 * consumer), and the stream is trimmed only to what was acknowledged.
 */
@QuarkusTest
@QuarkusTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "chat_message"))
class StreamConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    RedisDataSource redis;

    private StreamConsumer consumer;

    @AfterEach
    void stop() {
        if (consumer != null) {
            consumer.stop();
        }
    }

    private StreamCommands<String, String, String> streams() {
        return redis.stream(String.class);
    }

    private String newStream() {
        return "consumer-test-" + UUID.randomUUID() + ":{messages:0}:in"; // a key this service's Redis user may use
    }

    private StreamConsumer start(String key, chat.events.redis.BatchHandler handler) {
        return start(key, Duration.ofSeconds(30), false, handler);
    }

    private StreamConsumer start(String key, Duration claimAfter, boolean claimAllOnStart,
            chat.events.redis.BatchHandler handler) {
        consumer = new StreamConsumer(redis, new StreamConsumer.Settings(key, "g", "c1", 50, Duration.ofMillis(200),
                claimAfter, Duration.ofMillis(400), claimAllOnStart), handler);
        consumer.start();
        return consumer;
    }

    private String add(String key, String body) {
        return streams().xadd(key, Map.of("body", body, "padding", "x".repeat(body.equals("big") ? 100_000 : 1)));
    }

    @Test
    void dataErrorIsDeadLetteredAtOnceAndTheEntriesBehindItGoOn() {
        String key = newStream();
        List<String> handled = new CopyOnWriteArrayList<>();
        Set<String> toldSender = ConcurrentHashMap.newKeySet();
        start(key, new chat.events.redis.BatchHandler() {

            @Override
            public void handle(List<StreamEntry> entries) throws Exception {
                for (StreamEntry e : entries) {
                    if (e.fields().get("body").equals("big")) {
                        throw new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021");
                    }
                }
                entries.forEach(e -> handled.add(e.fields().get("body")));
            }

            @Override
            public void deadLettered(StreamEntry entry, String reason) {
                toldSender.add(entry.id());
            }
        });
        add(key, "one");
        String poison = add(key, "big");
        add(key, "two");

        await().atMost(WAIT).until(() -> handled.containsAll(List.of("one", "two")));
        await().atMost(WAIT).until(() -> streams().xlen(key + ":dead") == 1);
        Map<String, String> dead = streams().xrange(key + ":dead", StreamRange.of("-", "+")).get(0).payload();
        assertEquals(poison, dead.get("dead_id"));
        assertTrue(dead.get("dead_reason").contains("0x00"), dead.toString());
        assertTrue(dead.get("padding").startsWith("(dropped"), "large payloads stay out of the dead-letter stream");
        assertTrue(toldSender.contains(poison), "the handler was asked to answer the sender");
        assertEquals(List.of("one", "two"), handled.stream().filter(b -> !b.equals("big")).distinct().toList());
        assertTrue(consumer.health().up());
    }

    @Test
    void outageKeepsEntriesPendingAndNeverDeadLetters() {
        String key = newStream();
        AtomicInteger attempts = new AtomicInteger();
        List<String> handled = new CopyOnWriteArrayList<>();
        start(key, entries -> {
            if (attempts.incrementAndGet() <= 6) {
                throw new IllegalStateException("store failed",
                        new SQLException("Connection to 127.0.0.1:5432 refused", "08001"));
            }
            entries.forEach(e -> handled.add(e.fields().get("body")));
        });
        add(key, "a");
        add(key, "b");

        await().atMost(WAIT).until(() -> consumer.pausedBecause() != null);
        assertFalse(consumer.health().up(), "readiness is down while the database is away");
        await().atMost(WAIT).until(() -> handled.containsAll(List.of("a", "b")));
        assertEquals(List.of("a", "b"), handled);
        assertEquals(0, streams().xlen(key + ":dead"));
        await().atMost(WAIT).until(() -> consumer.health().up());
    }

    @Test
    void unexplainedFailureIsRetriedThenDeadLettered() {
        String key = newStream();
        Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
        List<String> handled = new CopyOnWriteArrayList<>();
        start(key, entries -> {
            for (StreamEntry e : entries) {
                if (e.fields().get("body").equals("bug")) {
                    tries.computeIfAbsent(e.id(), id -> new AtomicInteger()).incrementAndGet();
                    throw new NullPointerException("a bug");
                }
            }
            entries.forEach(e -> handled.add(e.fields().get("body")));
        });
        add(key, "bug");
        add(key, "after");

        await().atMost(WAIT).until(() -> handled.contains("after"));
        await().atMost(WAIT).until(() -> streams().xlen(key + ":dead") == 1);
        int attempts = tries.values().iterator().next().get();
        assertTrue(attempts >= 3, "retried before giving up: " + attempts);
    }

    @Test
    void trimsOnlyWhatWasAcknowledged() {
        String key = newStream();
        AtomicInteger handled = new AtomicInteger();
        start(key, entries -> handled.addAndGet(entries.size()));
        for (int i = 0; i < 120; i++) {
            add(key, "m" + i);
        }
        await().atMost(WAIT).until(() -> handled.get() == 120);
        await().atMost(WAIT).until(() -> streams().xlen(key) <= 1);
        consumer.stop();
        // unread entries of a stopped consumer are never trimmed away
        for (int i = 0; i < 30; i++) {
            add(key, "late" + i);
        }
        StreamConsumer reader = start(key, entries -> handled.addAndGet(entries.size()));
        assertNotNull(reader);
        await().atMost(WAIT).until(() -> handled.get() == 150);
    }

    @Test
    void entriesAbandonedByACrashedConsumerAreClaimedOnceIdleAndAcknowledged() {
        String key = newStream();
        List<String> abandoned = abandon(key, 3);
        List<String> handled = new CopyOnWriteArrayList<>();
        start(key, Duration.ofMillis(500), false, entries -> entries.forEach(e -> handled.add(e.id())));

        await().atMost(WAIT).until(() -> handled.containsAll(abandoned));
        await().atMost(WAIT).until(() -> streams().xpending(key, "g").getPendingCount() == 0);
        assertEquals(0, streams().xlen(key + ":dead"));
    }

    @Test
    void anExclusiveConsumerTakesOverEveryPendingEntryAtStartWithoutWaiting() {
        String key = newStream();
        List<String> abandoned = abandon(key, 3);
        List<String> handled = new CopyOnWriteArrayList<>();
        // claimAfter far beyond the wait: only the take-over at start can hand these entries over
        start(key, Duration.ofMinutes(10), true, entries -> entries.forEach(e -> handled.add(e.id())));

        await().atMost(WAIT).until(() -> handled.containsAll(abandoned));
        await().atMost(WAIT).until(() -> streams().xpending(key, "g").getPendingCount() == 0);
    }

    /** Entries read, never acknowledged, by a consumer of group {@code g} that then died. */
    private List<String> abandon(String key, int count) {
        streams().xgroupCreate(key, "g", "0", new XGroupCreateArgs().mkstream());
        for (int i = 0; i < count; i++) {
            add(key, "abandoned" + i);
        }
        List<String> ids = streams().xreadgroup("g", "crashed", key, ">", new XReadGroupArgs().count(count))
                .stream().map(StreamMessage::id).toList();
        assertEquals(count, ids.size());
        assertEquals(count, streams().xpending(key, "g").getPendingCount());
        return ids;
    }
}
