package chat.presence;

import static chat.presence.PresenceDriver.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.events.PresenceCommand;
import chat.events.RoomEvent;
import chat.presence.PresenceDriver.Seen;
import chat.presence.entity.UserLastSeen;
import chat.presence.service.PresenceKeys;
import chat.stack.DevTokens;
import chat.stack.test.StackTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Join, leave and typing through the real command and fan-out streams, Redis and PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = PresenceStackResource.class, initArgs = @ResourceArg(name = "database", value = "chat_presence"))
class PresenceFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    RedisDataSource redis;

    private final List<Long> used = new ArrayList<>();
    private PresenceDriver gateway;
    private String gw;

    @BeforeEach
    void setUp() {
        gateway = new PresenceDriver(redis);
        gw = unique("gw");
        gateway.heartbeat(gw);
    }

    @AfterEach
    void forgetTestUsers() {
        forget(used);
        used.clear();
    }

    /** Removes the last-seen rows of test users from the shared database. */
    static void forget(List<Long> userIds) {
        if (!userIds.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> UserLastSeen.delete("userId in ?1", userIds));
        }
    }

    static long randomUserId() {
        return ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000);
    }

    private long newUserId() {
        long id = randomUserId();
        used.add(id);
        return id;
    }

    @Test
    void userListsArePerRoom() {
        String roomX = unique("x");
        String roomY = unique("y");
        long alice = newUserId();
        long bob = newUserId();
        gateway.join(roomX, gw, "c1", alice, "alice");
        gateway.join(roomY, gw, "c2", bob, "bob");

        await().atMost(WAIT).until(() -> List.of("alice").equals(gateway.lastUserList(roomX)));
        await().atMost(WAIT).until(() -> List.of("bob").equals(gateway.lastUserList(roomY)));
        for (Seen seen : gateway.events(roomY, RoomEvent.USER_LIST)) {
            assertFalse(seen.users().contains("alice"), "alice is in X, never in Y's list");
            assertEquals(roomY, seen.frame().path("room").asText());
            assertEquals("user_list", seen.frame().path("type").asText());
        }
        await().atMost(WAIT).until(() -> gateway.listsTo(roomY, "c2").size() == 1);
        assertEquals(gw, gateway.listsTo(roomY, "c2").get(0).event().recipients().get(0).gatewayId(),
                "the joiner's own list");
        for (Seen seen : gateway.events(roomX, RoomEvent.USER_LIST)) {
            assertFalse(seen.users().contains("bob"));
        }
    }

    @Test
    void secondConnectionKeepsUserOnlineUntilBothLeave() {
        String room = unique("r");
        long carol = newUserId();
        gateway.join(room, gw, "c1", carol, "carol");
        gateway.join(room, gw, "c2", carol, "carol");
        await().atMost(WAIT).until(() -> List.of("carol").equals(gateway.lastUserList(room)));
        await().atMost(WAIT).until(() -> connections(room) == 2);
        int before = gateway.events(room, RoomEvent.USER_LIST).size();

        gateway.leave(room, gw, "c1", carol, "carol");
        await().atMost(WAIT).until(() -> gateway.events(room, RoomEvent.USER_LIST).size() > before);
        assertEquals(List.of("carol"), gateway.lastUserList(room), "one connection left: still online");
        assertEquals(true, status(carol).get("online"));

        gateway.leave(room, gw, "c2", carol, "carol");
        await().atMost(WAIT).until(() -> List.of().equals(gateway.lastUserList(room)));
        Map<String, Object> offline = status(carol);
        assertEquals(false, offline.get("online"));
        assertNotNull(offline.get("last_seen"));
        UserLastSeen row = UserLastSeen.findById(carol);
        assertNotNull(row, "last seen is stored durably");
        assertEquals("carol", row.username);
    }

    @Test
    void everyJoinerGetsItsListAndLateJoinAfterLeaveIsIgnored() {
        String room = unique("r");
        long dave = newUserId();
        gateway.join(room, gw, "c1", dave, "dave");
        await().atMost(WAIT).until(() -> gateway.listsTo(room, "c1").size() == 1);
        gateway.join(room, gw, "c2", dave, "dave");
        await().atMost(WAIT).until(() -> gateway.listsTo(room, "c2").size() == 1);
        assertEquals(List.of("dave"), gateway.listsTo(room, "c2").get(0).users(),
                "same names, but the new connection needs the list");
        for (Seen broadcast : gateway.roomLists(room)) {
            assertEquals(dave, broadcast.event().excludeUserId(), "dave's connections have their own lists");
        }

        gateway.leave(room, gw, "c3", dave, "dave");
        gateway.join(room, gw, "c3", dave, "dave"); // re-delivered JOIN after its LEAVE
        gateway.leave(room, gw, "c1", dave, "dave");
        gateway.leave(room, gw, "c2", dave, "dave");
        await().atMost(WAIT).until(() -> List.of().equals(gateway.lastUserList(room)));
        assertEquals(0, connections(room));
    }

    @Test
    void aBurstOfJoinersCostsEachOneListAndTheRoomAPacedFew() {
        String room = unique("burst");
        int joiners = 30;
        long started = System.nanoTime();
        for (int i = 0; i < joiners; i++) {
            String connection = "c" + i;
            gateway.join(room, gw, connection, newUserId(), "user" + i);
            await().atMost(WAIT).until(() -> gateway.listsTo(room, connection).size() == 1);
            assertTrue(gateway.listsTo(room, connection).get(0).users().contains("user" + i),
                    "a joiner's list names it");
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        List<String> everyone = new ArrayList<>();
        for (int i = 0; i < joiners; i++) {
            everyone.add("user" + i);
        }
        everyone.sort(String::compareTo);
        await().atMost(WAIT).until(() -> everyone.equals(gateway.lastUserList(room)));
        int broadcasts = gateway.roomLists(room).size();
        // one broadcast per join would be 30 (each to the whole room: 465 frames); paced, at most one
        // per interval (1 s) after the first, plus the one that covers the last joins
        long bound = elapsedMillis / 1000 + 3; // + 1 for the clocks of two processes
        System.out.printf("burst of %d joiners in %d ms: %d room broadcasts (bound %d)%n", joiners, elapsedMillis,
                broadcasts, bound);
        assertTrue(broadcasts <= bound,
                broadcasts + " broadcasts for " + joiners + " joins in " + elapsedMillis + " ms");
        for (int i = 0; i < joiners; i++) {
            assertEquals(1, gateway.listsTo(room, "c" + i).size(), "one list of its own per joiner");
        }
    }

    @Test
    void aRunOfJoinersReadTogetherSharesOneEntryNamingThemAll() {
        String room = unique("run");
        int joiners = 12;
        List<String> connections = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<PresenceCommand> joins = new ArrayList<>();
        for (int i = 0; i < joiners; i++) {
            connections.add("c" + i);
            names.add("runner" + (char) ('a' + i));
            joins.add(PresenceDriver.joinOf(room, gw, "c" + i, newUserId(), names.get(i)));
        }
        gateway.atOnce(joins);

        await().atMost(WAIT).until(() -> connections.stream().allMatch(c -> gateway.listsTo(room, c).size() == 1));
        List<Seen> targeted = gateway.events(room, RoomEvent.USER_LIST).stream()
                .filter(seen -> seen.event().targeted()).toList();
        assertEquals(1, targeted.size(), "one entry for the run, not one per joiner: " + targeted);
        assertEquals(connections, targeted.get(0).event().recipients().stream().map(to -> to.connectionId()).toList());
        assertEquals(names, targeted.get(0).users(), "each joiner's list names every joiner of the run, itself too");
        await().atMost(WAIT).until(() -> names.equals(gateway.lastUserList(room)));
    }

    @Test
    void aRunOfLeavesIsRecordedTogetherAndAJoinAfterItsLeaveStaysIgnored() {
        String room = unique("leaves");
        long frank = newUserId();
        long grace = newUserId();
        gateway.atOnce(List.of(PresenceDriver.joinOf(room, gw, "c1", frank, "frank"),
                PresenceDriver.joinOf(room, gw, "c2", grace, "grace"),
                PresenceDriver.joinOf(room, gw, "c3", grace, "grace")));
        await().atMost(WAIT).until(() -> List.of("frank", "grace").equals(gateway.lastUserList(room)));

        gateway.atOnce(List.of(PresenceDriver.leaveOf(room, gw, "c1", frank, "frank"),
                PresenceDriver.leaveOf(room, gw, "c2", grace, "grace-renamed"), // stored under its old name
                PresenceDriver.joinOf(room, gw, "c1", frank, "frank"), // re-delivered after its leave
                PresenceDriver.leaveOf(room, gw, "c3", grace, "grace")));
        await().atMost(WAIT).until(() -> List.of().equals(gateway.lastUserList(room)));
        assertEquals(0, connections(room), "every connection left, whatever name its leave carried");
        Set<String> pairs = redis.set(String.class)
                .smembers(new PresenceKeys(StackTestResource.streamPrefix).gatewayConnections(gw));
        assertTrue(pairs.stream().noneMatch(pair -> pair.startsWith(room + "|")), pairs.toString());
        assertEquals(false, status(frank).get("online"));
        assertEquals(false, status(grace).get("online"));

        // a late JOIN ending its batch: written and taken back, and never named in the lists read with it
        long henry = newUserId();
        int before = gateway.roomLists(room).size();
        gateway.atOnce(List.of(PresenceDriver.leaveOf(room, gw, "c9", henry, "henry"),
                PresenceDriver.joinOf(room, gw, "c9", henry, "henry")));
        await().atMost(WAIT).until(() -> gateway.roomLists(room).size() > before);
        assertEquals(List.of(), gateway.lastUserList(room), "henry's connection had left");
        assertEquals(List.of(), gateway.listsTo(room, "c9"), "no list for a connection that left");
        assertEquals(0, connections(room));
        assertEquals(false, status(henry).get("online"), "a late join taken back is not online");
    }

    @Test
    void typingIsRelayedWithoutTheTyperAndThrottled() throws InterruptedException {
        String room = unique("r");
        long erin = newUserId();
        String reader = Tokens.of("alice"); // fetched first: the typing state below lives 5 s only
        gateway.join(room, gw, "c1", erin, "erin");
        for (int i = 0; i < 5; i++) {
            gateway.typing(room, gw, "c1", erin, "erin");
        }
        await().atMost(WAIT).until(() -> gateway.events(room, RoomEvent.TYPING).size() == 1);
        Seen typing = gateway.events(room, RoomEvent.TYPING).get(0);
        assertEquals(erin, typing.event().excludeUserId(), "not sent back to the typer");
        assertEquals("typing", typing.frame().path("type").asText());
        assertEquals(room, typing.frame().path("room").asText());
        assertEquals("erin", typing.frame().path("username").asText());
        assertEquals(erin, typing.frame().path("user_id").asLong());

        List<Map<String, Object>> users = given().auth().oauth2(reader)
                .get("/api/rooms/{room}/presence", room).then().statusCode(200).extract().jsonPath().getList("users");
        assertEquals(List.of(Map.of("user_id", (int) erin, "username", "erin", "typing", true)), users);

        Thread.sleep(1000);
        assertEquals(1, gateway.events(room, RoomEvent.TYPING).size(), "throttled: one frame per 2 s");
        await().pollDelay(Duration.ofMillis(1200)).atMost(WAIT).until(() -> {
            gateway.typing(room, gw, "c1", erin, "erin");
            return gateway.events(room, RoomEvent.TYPING).size() == 2;
        });
    }

    private long connections(String room) {
        return redis.sortedSet(String.class).zcard(new PresenceKeys(StackTestResource.streamPrefix).room(room));
    }

    /** A user as the directory sees them: {@code online}, and {@code last_seen} (null when never seen). */
    static Map<String, Object> status(long userId) {
        JsonPath answer = given().auth().oauth2(DevTokens.authServiceToken(StackTestResource.infra))
                .get("/internal/users/presence").then().statusCode(200).extract().jsonPath();
        boolean online = answer.getList("online", Long.class).contains(userId);
        List<Map<String, Object>> lastSeen = answer.getList("last_seen");
        Object seen = lastSeen.stream().filter(u -> ((Number) u.get("user_id")).longValue() == userId)
                .map(u -> u.get("last_seen")).findFirst().orElse(null);
        Map<String, Object> status = new HashMap<>();
        status.put("online", online);
        status.put("last_seen", seen);
        return status;
    }
}
