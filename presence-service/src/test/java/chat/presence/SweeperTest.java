package chat.presence;

import static chat.presence.PresenceDriver.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.presence.service.PresenceKeys;
import chat.stack.test.StackTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A gateway that stops heartbeating (SIGKILLed) has its users swept out of their rooms. */
@QuarkusTest
@TestProfile(ShortTtlProfile.class)
@QuarkusTestResource(value = PresenceStackResource.class, initArgs = @ResourceArg(name = "database", value = "chat_presence"))
class SweeperTest {

    @Inject
    RedisDataSource redis;

    @Test
    void usersOfADeadGatewayLeaveWithinTtlPlusSweep() {
        PresenceDriver driver = new PresenceDriver(redis);
        String room = unique("r");
        String dead = unique("gw-dead");
        String alive = unique("gw-alive");
        long grace = PresenceFlowTest.randomUserId();
        long heidi = PresenceFlowTest.randomUserId();
        long ivan = PresenceFlowTest.randomUserId(); // on both gateways
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
        try {
            heartbeats.scheduleAtFixedRate(() -> driver.heartbeat(alive), 0, 400, TimeUnit.MILLISECONDS);
            driver.heartbeat(dead);
            driver.join(room, dead, "c1", grace, "grace");
            driver.join(room, alive, "c2", heidi, "heidi");
            driver.join(room, dead, "c3", ivan, "ivan");
            driver.join(room, alive, "c4", ivan, "ivan");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> List.of("grace", "heidi", "ivan").equals(driver.lastUserList(room)));
            assertEquals(true, PresenceFlowTest.status(grace).get("online"));
            long lastSignOfLife = System.currentTimeMillis();

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> List.of("heidi", "ivan").equals(driver.lastUserList(room)));
            long tookMillis = System.currentTimeMillis() - lastSignOfLife;
            assertTrue(tookMillis < 2000 + 1000 + 2500, "swept within TTL + interval (+ slack): " + tookMillis + " ms");

            Map<String, Object> graceStatus = PresenceFlowTest.status(grace);
            assertEquals(false, graceStatus.get("online"));
            assertNotNull(graceStatus.get("last_seen"), "last seen recorded by the sweep");
            assertEquals(true, PresenceFlowTest.status(heidi).get("online"), "the live gateway's user stays");
            assertEquals(true, PresenceFlowTest.status(ivan).get("online"), "a connection on a live gateway is left");
            driver.leave(room, alive, "c4", ivan, "ivan");
            await().atMost(Duration.ofSeconds(10)).until(() -> !(Boolean) PresenceFlowTest.status(ivan).get("online"));
            PresenceKeys keys = new PresenceKeys(StackTestResource.streamPrefix);
            assertFalse(redis.set(String.class).smembers(keys.gateways()).contains(dead),
                    "the dead gateway is forgotten");
        } finally {
            heartbeats.shutdownNow();
            PresenceFlowTest.forget(List.of(grace, heidi, ivan));
        }
    }
}
