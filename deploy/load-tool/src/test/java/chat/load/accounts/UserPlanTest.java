package chat.load.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Users are picked so that no user passes the gateway's per-user limits; impossible workloads are refused. */
class UserPlanTest {

    /** Frames per second and connections of every user, as the plan assigns them. */
    private static void assertWithinLimits(UserPlan plan, int rooms, int clients, int senders, double rate) {
        Map<Integer, Double> frames = new HashMap<>();
        Map<Integer, Integer> connections = new HashMap<>();
        for (int i = 0; i < rooms * clients; i++) {
            int user = plan.userOf(i);
            assertTrue(user >= 0 && user < plan.users(), "user index in range");
            connections.merge(user, 1, Integer::sum);
            if (i % clients < senders) {
                frames.merge(user, rate, Double::sum);
            }
        }
        connections.values().forEach(n -> assertTrue(n <= 50, "at most 50 connections per user, got " + n));
        frames.values()
                .forEach(f -> assertTrue(f <= 40 * UserPlan.HEADROOM, "frames/s per user under the limit, got " + f));
        assertEquals(plan.users(), connections.size(), "every planned user is used");
    }

    @Test
    void ingestEveryClientSendingFiveASecond() {
        UserPlan plan = new UserPlan("load", 1000, 4, 4, 5, 50, 40, 20);
        assertEquals(7, plan.sendersPerUser());
        assertWithinLimits(plan, 1000, 4, 4, 5);
        assertEquals(572, plan.users());
    }

    @Test
    void fanoutFewSendersManyReceivers() {
        UserPlan plan = new UserPlan("load", 1, 500, 50, 10, 50, 40, 20);
        assertWithinLimits(plan, 1, 500, 50, 10);
        assertEquals(17 + 9, plan.users());
    }

    @Test
    void idleConnectionsFillUsersToTheirConnectionLimit() {
        UserPlan plan = new UserPlan("load", 500, 100, 0, 1, 50, 40, 20);
        assertWithinLimits(plan, 500, 100, 0, 1);
        assertEquals(1000, plan.users());
        assertEquals("load-999", plan.username(plan.userOf(49_999)));
    }

    @Test
    void aRateOneConnectionMayNotSendIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new UserPlan("load", 1, 10, 1, 25, 50, 40, 20));
        assertTrue(e.getMessage().contains("frames-per-second"), e.getMessage());
    }

    @Test
    void aRateNoUserMaySendIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new UserPlan("load", 1, 10, 1, 30, 50, 25, 40));
        assertTrue(e.getMessage().contains("user-frames-per-second"), e.getMessage());
    }
}
