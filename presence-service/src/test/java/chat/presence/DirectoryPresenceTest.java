package chat.presence;

import static chat.presence.PresenceDriver.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.presence.service.Connection;
import chat.presence.service.OnlineUser;
import chat.presence.service.PresenceKeys;
import chat.presence.service.PresenceStore;
import chat.presence.service.LastSeenStore;
import chat.stack.DevTokens;
import chat.stack.test.TimedGets;
import chat.stack.test.StackTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /internal/users/presence} against the real Redis and PostgreSQL: the online index, the
 * last-seen cursor, the repair of connections recorded without the index, and a directory of
 * 20,000 users with thousands of connections.
 */
@QuarkusTest
@QuarkusTestResource(value = PresenceStackResource.class, initArgs = @ResourceArg(name = "database", value = "chat_presence"))
class DirectoryPresenceTest {

    private static final int USERS = 20_000;
    private static final int ONLINE_USERS = 4_000;

    @Inject
    PresenceStore store;

    @Inject
    LastSeenStore lastSeen;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RedisDataSource redis;

    private static JsonPath presence(String cursor) {
        var request = given().auth().oauth2(DevTokens.authServiceToken(StackTestResource.infra));
        if (cursor != null) {
            request = request.queryParam("cursor", cursor);
        }
        return request.get("/internal/users/presence").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aCursorHandsOutWhatWasWrittenSinceItAndReachesBackByTheMargin() {
        long erin = PresenceFlowTest.randomUserId();
        try {
            Instant before = Instant.now();
            JsonPath first = presence(null);
            Instant cursor = Instant.parse(first.getString("cursor"));
            assertTrue(!cursor.isBefore(before.minusSeconds(32)) && !cursor.isAfter(Instant.now().minusSeconds(28)),
                    "the cursor is the database's clock less 30 s: " + cursor + " read at " + before);

            Instant seenAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            lastSeen.seen(List.of(new OnlineUser(erin, "erin")), seenAt);
            JsonPath next = presence(cursor.toString());
            assertEquals(List.of(seenAt.toString()), lastSeenOf(next, erin), "written after the cursor: handed out");
            JsonPath later = presence(Instant.now().plusSeconds(3600).toString());
            assertTrue(lastSeenOf(later, erin).isEmpty(), "nothing was written after a cursor in the future");

            given().auth().oauth2(DevTokens.authServiceToken(StackTestResource.infra)).queryParam("cursor", "yesterday")
                    .get("/internal/users/presence").then().statusCode(400).body("code", equalTo("bad_request"));
        } finally {
            PresenceFlowTest.forget(List.of(erin));
        }
    }

    @Test
    void theRepairAddsConnectionsJoinedWithoutTheIndexAndDropsThoseThatLeftWithoutIt() {
        PresenceKeys keys = new PresenceKeys(StackTestResource.streamPrefix);
        String room = unique("r");
        String gateway = unique("gw-old");
        long live = PresenceFlowTest.randomUserId();
        long gone = PresenceFlowTest.randomUserId();
        // what an instance that predates the index wrote: the room and the gateway's pairs only
        Connection liveConnection = new Connection(gateway, "c1", live, "live");
        Connection goneConnection = new Connection(gateway, "c2", gone, "gone");
        redis.value(String.class).set(keys.gatewayAlive(gateway), "1");
        redis.set(String.class).sadd(keys.gateways(), gateway);
        redis.sortedSet(String.class).zadd(keys.room(room), 1, liveConnection.encode());
        redis.set(String.class).sadd(keys.gatewayConnections(gateway), room + "|" + liveConnection.encode(),
                room + "|" + goneConnection.encode()); // its room member is gone: it left
        try {
            store.indexLiveConnections(); // the scheduled repair may run too: either way, the same answer
            Set<Long> online = online();
            assertTrue(online.contains(live), "a live connection counts once repaired");
            assertFalse(online.contains(gone), "a connection no longer in its room does not");

            // and it leaves through an instance that predates the index: the room only
            redis.sortedSet(String.class).zrem(keys.room(room), liveConnection.encode());
            redis.set(String.class).srem(keys.gatewayConnections(gateway), room + "|" + liveConnection.encode());
            store.dropLeftConnections();
            assertFalse(online().contains(live), "a connection gone from its room is taken out");
        } finally {
            store.leaveAll(List.of(new PresenceStore.Leave(room, liveConnection),
                    new PresenceStore.Leave(room, goneConnection)), List.of());
            redis.key(String.class).del(keys.gatewayAlive(gateway));
            redis.set(String.class).srem(keys.gateways(), gateway);
        }
    }

    @Test
    void aUserStaysOnlineWhileOneConnectionLivesWhateverAnotherInstanceDoesMeanwhile() throws Exception {
        String room = unique("r");
        String gateway = unique("gw");
        long kim = PresenceFlowTest.randomUserId();
        String onlineKey = new PresenceKeys(StackTestResource.streamPrefix).onlineUsers();
        ExecutorService instances = Executors.newFixedThreadPool(2); // two writers at once, as two instances
        try {
            List<Future<Integer>> writers = new ArrayList<>();
            for (String name : List.of("a", "b")) {
                // each opens one of kim's connections, looks whether kim is online, and closes it again
                writers.add(instances.submit(() -> {
                    int missed = 0;
                    for (int i = 0; i < 200; i++) {
                        Connection c = new Connection(gateway, name + i, kim, "kim");
                        store.joinAll(List.of(new PresenceStore.Join(room, c)), System.currentTimeMillis(), List.of());
                        if (!redis.set(String.class).sismember(onlineKey, Long.toString(kim))) {
                            missed++;
                        }
                        store.leaveAll(List.of(new PresenceStore.Leave(room, c)), List.of());
                    }
                    return missed;
                }));
            }
            for (Future<Integer> writer : writers) {
                assertEquals(0, writer.get(60, TimeUnit.SECONDS),
                        "kim was offline while one of their connections was open");
            }
            assertFalse(online().contains(kim), "every connection closed: offline");
        } finally {
            instances.shutdownNow();
        }
    }

    @Test
    void aDirectoryOfTwentyThousandUsersWithThousandsOnlineIsCompleteAndExact() throws SQLException {
        long base = PresenceFlowTest.randomUserId() / USERS * USERS;
        List<Long> ids = new ArrayList<>();
        Map<Long, Instant> seen = new HashMap<>();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < USERS; i++) {
            ids.add(base + i);
            seen.put(base + i, t0.plusSeconds(i));
        }
        String gateway = unique("gw-big");
        String room = unique("big");
        List<PresenceStore.Join> joins = new ArrayList<>();
        // the first ONLINE_USERS users are connected, every fourth of them twice
        for (int i = 0; i < ONLINE_USERS; i++) {
            long id = ids.get(i);
            joins.add(new PresenceStore.Join(room, new Connection(gateway, "a" + i, id, "u" + id)));
            if (i % 4 == 0) {
                joins.add(new PresenceStore.Join(room, new Connection(gateway, "b" + i, id, "u" + id)));
            }
        }
        try {
            insertLastSeen(seen);
            for (int from = 0; from < joins.size(); from += 500) { // as the consumer's batches
                store.joinAll(joins.subList(from, Math.min(joins.size(), from + 500)), System.currentTimeMillis(),
                        List.of());
            }
            // every "a" connection of the first 500 closes: those with a "b" one stay online
            List<PresenceStore.Leave> leaves = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                leaves.add(
                        new PresenceStore.Leave(room, new Connection(gateway, "a" + i, ids.get(i), "u" + ids.get(i))));
            }
            store.leaveAll(leaves, List.of());
            store.heartbeat(gateway);
            Set<Long> expectedOnline = new HashSet<>();
            for (int i = 0; i < ONLINE_USERS; i++) {
                if (i >= 500 || i % 4 == 0) {
                    expectedOnline.add(ids.get(i));
                }
            }

            JsonPath answer = presence(null);
            System.out.printf("directory presence: %d last-seen rows, %d users online: full read %s ms, "
                    + "read with no change since the cursor %s ms%n", USERS, expectedOnline.size(), timed(""),
                    timed("?cursor=" + Instant.now()));

            Set<Long> online = new HashSet<>(answer.getList("online", Long.class));
            online.retainAll(new HashSet<>(ids));
            assertEquals(expectedOnline, online, "exactly the users with a live connection");
            Map<Long, Instant> answered = new HashMap<>();
            List<Map<String, Object>> rows = answer.getList("last_seen");
            for (Map<String, Object> row : rows) {
                long id = ((Number) row.get("user_id")).longValue();
                if (seen.containsKey(id)) {
                    answered.put(id, Instant.parse((String) row.get("last_seen")));
                }
            }
            assertEquals(seen, answered, "every last-seen row, with its time");
        } finally {
            List<PresenceStore.Leave> all = joins.stream().map(j -> new PresenceStore.Leave(j.room(), j.connection()))
                    .toList();
            for (int from = 0; from < all.size(); from += 500) {
                store.leaveAll(all.subList(from, Math.min(all.size(), from + 500)), List.of());
            }
            deleteLastSeen(base);
        }
    }

    private static List<Long> timed(String query) {
        return TimedGets.millis(RestAssured.baseURI + ":" + RestAssured.port + "/internal/users/presence" + query,
                DevTokens.authServiceToken(StackTestResource.infra), 5);
    }

    private Set<Long> online() {
        return new HashSet<>(presence(null).getList("online", Long.class));
    }

    private static List<String> lastSeenOf(JsonPath answer, long userId) {
        List<Map<String, Object>> rows = answer.getList("last_seen");
        return rows.stream().filter(r -> ((Number) r.get("user_id")).longValue() == userId)
                .map(r -> (String) r.get("last_seen")).toList();
    }

    private void deleteLastSeen(long base) throws SQLException {
        try (java.sql.Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement(
                        "DELETE FROM user_last_seen WHERE user_id >= ? AND user_id < ?")) {
            delete.setLong(1, base);
            delete.setLong(2, base + USERS);
            delete.executeUpdate();
        }
    }

    private void insertLastSeen(Map<Long, Instant> seen) throws SQLException {
        try (java.sql.Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO user_last_seen (user_id, username, last_seen) VALUES (?, ?, ?)")) {
            for (Map.Entry<Long, Instant> e : seen.entrySet()) {
                insert.setLong(1, e.getKey());
                insert.setString(2, "u" + e.getKey());
                insert.setTimestamp(3, Timestamp.from(e.getValue()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
