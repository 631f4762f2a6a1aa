package chat.gateway.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.gateway.config.InstanceId;
import chat.gateway.session.UserLimits;
import chat.stack.test.StackTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The counts of users' connections the gateway keeps in the real Redis ({@link UserLimits},
 * {@link UserConnectionLeases}): exactly right shortly after bursts of thousands of opens and
 * closes, right again once Redis is back after closes it missed, and after Redis forgot the scripts.
 */
@QuarkusTest
@TestProfile(UserConnectionCountsTest.OwnRedisOnly.class)
class UserConnectionCountsTest {

    /** This test's Redis user and limits only: the module's other test resources configure other limits. */
    public static class OwnRedisOnly implements QuarkusTestProfile {

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OwnRedisUser.class));
        }
    }

    private static final Duration BOUND = Duration.ofSeconds(60);

    @Inject
    UserLimits limits;
    @Inject
    InstanceId gateway;

    @Test
    void burstsOfOpensAndClosesLeaveExactCounts() {
        long[] users = users(4);
        int perUser = 800;
        List<Uni<Boolean>> opens = new ArrayList<>();
        for (int i = 0; i < perUser; i++) {
            for (long user : users) {
                opens.add(limits.tryOpen(user).map(frames -> frames.isPresent()));
            }
        }
        // all at once: more scripts than the Redis client's pool lets wait
        List<Boolean> admitted = Uni.join().all(opens).andCollectFailures().await().atMost(BOUND);
        assertTrue(admitted.stream().allMatch(Boolean::booleanValue), "every connection is under the limit");
        try (AdminRedis admin = OwnRedisUser.admin()) {
            for (long user : users) {
                awaitCount(admin, user, perUser);
            }
            // every connection of every user closes at once (from many threads, as TCP closes arrive)
            IntStream.range(0, perUser * users.length).parallel().forEach(i -> limits.closed(users[i % users.length]));
            for (long user : users) {
                assertEquals(0, limits.openConnections(user));
                awaitCount(admin, user, 0);
            }
        }
    }

    @Test
    void closesDuringARedisOutageAreWrittenOnceRedisIsBack() throws InterruptedException {
        long user = users(1)[0];
        long other = users(1)[0];
        for (int i = 0; i < 5; i++) {
            assertTrue(limits.tryOpen(user).await().atMost(BOUND).isPresent());
        }
        assertTrue(limits.tryOpen(other).await().atMost(BOUND).isPresent());
        try (AdminRedis admin = OwnRedisUser.admin()) {
            awaitCount(admin, user, 5);
            awaitCount(admin, other, 1);
            OwnRedisUser.disconnect(admin);
            try {
                for (int i = 0; i < 3; i++) {
                    limits.closed(user);
                }
                limits.closed(other); // the user's last connection here
                // the gateway tries (and fails) to write them for a while
                Thread.sleep(3000);
                assertEquals("5", field(admin, user), "Redis did not see the closes");
            } finally {
                OwnRedisUser.reconnect(admin);
            }
            awaitCount(admin, user, 2);
            awaitCount(admin, other, 0);
        }
    }

    @Test
    void scriptsGoBySha1AndAreSentAgainWhenRedisHasForgottenThem() {
        long user = users(1)[0];
        try (AdminRedis admin = OwnRedisUser.admin()) {
            admin.call("SCRIPT", "FLUSH"); // as after a Redis restart or failover
            assertTrue(limits.tryOpen(user).await().atMost(BOUND).isPresent(),
                    "admitted although Redis forgot the script");
            awaitCount(admin, user, 1);
            long bySha1 = evalshaCalls(admin);
            assertTrue(limits.tryOpen(user).await().atMost(BOUND).isPresent());
            awaitCount(admin, user, 2);
            assertTrue(evalshaCalls(admin) > bySha1, "the next admission went by the script's SHA-1");
            limits.closed(user);
            limits.closed(user);
            awaitCount(admin, user, 0);
        }
    }

    /** EVALSHA calls Redis has answered since its start (any client). */
    private static long evalshaCalls(AdminRedis admin) {
        for (String line : admin.call("INFO", "commandstats").toString().split("\\r?\\n")) {
            if (line.startsWith("cmdstat_evalsha:calls=")) {
                return Long.parseLong(line.substring("cmdstat_evalsha:calls=".length(), line.indexOf(',')));
            }
        }
        return 0;
    }

    private static long[] users(int n) {
        // ids no directory user has: the test's counts never meet another test's
        long base = 8_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
        return IntStream.range(0, n).mapToLong(i -> base + i * 7L).toArray();
    }

    /** Waits until Redis holds {@code expected} as this gateway's count of the user (absent counts as 0). */
    private void awaitCount(AdminRedis admin, long user, int expected) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        String seen = field(admin, user);
        while (!String.valueOf(expected).equals(seen == null ? "0" : seen) && System.nanoTime() < deadline) {
            sleep();
            seen = field(admin, user);
        }
        assertEquals(String.valueOf(expected), seen == null ? "0" : seen, "user " + user + "'s count in Redis");
    }

    private String field(AdminRedis admin, long user) {
        Response value = admin.call("HGET", StackTestResource.streamPrefix + ":user-conns:" + user, gateway.value());
        return value == null ? null : value.toString();
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
