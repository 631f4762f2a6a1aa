package chat.message.rest;

import chat.stack.test.AuthServiceStub;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.events.Origin;
import chat.message.stream.StreamFixture;
import chat.stack.DevTokens;
import chat.stack.test.StackTestResource;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Full-text search against a room of 10,000 messages next to 20 other rooms holding the same
 * words (inserted with generate_series, not through the stream), with real Keycloak tokens.
 */
@QuarkusTest
@QuarkusTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "chat_message"))
@QuarkusTestResource(AuthServiceStub.class)
class RoomSearchResourceTest {

    private static final String PATH = "/api/rooms/{room}/search";
    private static final int BIG = 10_000;
    private static final int OTHER_ROOMS = 20;
    private static final int PER_OTHER_ROOM = 2_000;
    /**
     * Rooms {@code ?1-0} .. {@code ?1-(?2 - 1)} of {@code ?3} messages each; every {@code ?4}-th says
     * "quokka", the others hold filler and the word given to {@code formatted}.
     */
    private static final String BULK_INSERT = """
            INSERT INTO message (id, room, seq, user_id, username, text, idempotency_key, sent_at)
            SELECT nextval('message_id_seq'), ?1 || '-' || r, s, 900 + s %% 3, 'bulk' || (s %% 3),
                   CASE WHEN s %% ?4 = 0 THEN 'the quokka number ' || s ELSE 'filler text %s number ' || s END,
                   'bulk-' || s, now() - make_interval(secs => ?3 - s)
            FROM generate_series(0, ?2 - 1) r, generate_series(1, ?3) s""";
    private static final String BULK_SEQUENCES = """
            INSERT INTO room_sequence (room, last_seq) SELECT ?1 || '-' || r, ?3 FROM generate_series(0, ?2 - 1) r""";
    private static String prefix;
    private static String bigRoom;
    private static String otherRoom;
    private static String alice;

    @Inject
    EntityManager em;

    @Inject
    RedisDataSource redis;

    /** Once per run: one room of 10,000 messages (1 in 100 says "quokka") and 20 rooms of 2,000 (1 in 10). */
    @BeforeEach
    void seedOnce() {
        if (bigRoom != null) {
            return;
        }
        alice = DevTokens.tokenWithoutUserId(StackTestResource.infra, "alice");
        String bulk = "search-" + UUID.randomUUID().toString().substring(0, 8);
        long started = System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> {
            insert(bulk + "-big", 1, BIG, 100, "walrus");
            insert(bulk + "-other", OTHER_ROOMS, PER_OTHER_ROOM, 10, "zebra");
        });
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("ANALYZE message").executeUpdate());
        System.out.printf("search test: inserted %d + %d messages in %d ms%n", BIG, OTHER_ROOMS * PER_OTHER_ROOM,
                (System.nanoTime() - started) / 1_000_000);
        prefix = bulk;
        bigRoom = bulk + "-big-0";
        otherRoom = bulk + "-other-0";
    }

    private void insert(String roomPrefix, int rooms, int perRoom, int every, String word) {
        em.createNativeQuery(BULK_INSERT.formatted(word)).setParameter(1, roomPrefix).setParameter(2, rooms)
                .setParameter(3, perRoom).setParameter(4, every).executeUpdate();
        em.createNativeQuery(BULK_SEQUENCES).setParameter(1, roomPrefix).setParameter(2, rooms)
                .setParameter(3, (long) perRoom).executeUpdate();
    }

    /** The bulk rooms do not stay in the shared development database. */
    @AfterAll
    static void removeBulkRooms() {
        if (prefix == null) {
            return;
        }
        EntityManager em = Arc.container().instance(EntityManager.class).get();
        QuarkusTransaction.requiringNew().run(() -> {
            for (String table : List.of("message", "room_sequence", "read_pointer")) {
                em.createNativeQuery("DELETE FROM " + table + " WHERE room LIKE ?1").setParameter(1, prefix + "-%")
                        .executeUpdate();
            }
        });
    }

    @Test
    void findsOnlyThatRoomsMessagesNewestFirst() {
        JsonPath all = search(bigRoom, "quokka", "200");
        assertEquals(bigRoom, all.getString("room"));
        assertEquals("quokka", all.getString("query"));
        assertEquals(LongStream.iterate(BIG, s -> s >= 100, s -> s - 100).boxed().toList(),
                all.getList("messages.seq", Long.class), "every 100th message, newest first");
        assertTrue(all.getList("messages.room", String.class).stream().allMatch(bigRoom::equals));
        assertTrue(all.getList("messages.message", String.class).stream().allMatch(m -> m.contains("quokka")));
        assertEquals("chat_message", all.getString("messages[0].type"));

        JsonPath firstPage = search(bigRoom, "quokka", null);
        assertEquals(50, firstPage.getList("messages").size(), "default limit");
        assertEquals(BIG, firstPage.getLong("messages[0].seq"));
        assertEquals(5_100, firstPage.getLong("messages[49].seq"));

        assertEquals(100, search(bigRoom, "QUOKKA", "200").getList("messages").size(), "case does not matter");
        assertEquals(List.of(5_000L),
                search(bigRoom, "\"quokka number 5000\"", null).getList("messages.seq", Long.class));
        assertEquals(List.of(), search(bigRoom, "quokka -number", null).getList("messages"));
        assertEquals(List.of(), search(bigRoom, "zebra", null).getList("messages"), "another room's word");
        assertEquals(200, search(otherRoom, "quokka", "200").getList("messages").size());
        assertEquals(List.of(2_000L, 1_990L), search(otherRoom, "quokka", "2").getList("messages.seq", Long.class));
        assertEquals(otherRoom, search(otherRoom, "zebra", "1").getString("messages[0].room"));
    }

    @Test
    void anyTextIsASafeQuery() {
        for (String q : List.of("\"unterminated", "!!! & | :* () <->", "' OR 1=1 --", "quokka:*", "\\", "%_")) {
            given().auth().oauth2(alice).queryParam("q", q).get(PATH, bigRoom).then().statusCode(200)
                    .body("query", equalTo(q));
        }
    }

    @Test
    void usesAnIndexAndIsFast() {
        for (String q : List.of("quokka", "walrus", "filler walrus 97")) { // 1%, 99%, one message of the room
            List<String> plan = QuarkusTransaction.requiringNew()
                    .call(() -> em.createNativeQuery("EXPLAIN SELECT * FROM message "
                            + "WHERE room = ?1 AND search_vector @@ websearch_to_tsquery('simple', ?2) ORDER BY seq DESC LIMIT 50")
                            .setParameter(1, bigRoom).setParameter(2, q).getResultList().stream().map(String::valueOf)
                            .toList());
            System.out.println("search test: plan for '" + q + "'\n  " + String.join("\n  ", plan));
            assertFalse(plan.stream().anyMatch(line -> line.contains("Seq Scan")), "no sequential scan for " + q);
        }
        for (int i = 0; i < 5; i++) {
            search(bigRoom, "quokka", null);
        }
        long[] millis = new long[20];
        for (int i = 0; i < millis.length; i++) {
            long started = System.nanoTime();
            search(bigRoom, i % 2 == 0 ? "quokka" : "filler walrus " + (i * 97), null);
            millis[i] = (System.nanoTime() - started) / 1_000_000;
        }
        Arrays.sort(millis);
        System.out.printf("search test: 20 searches over REST in a %d-message room: p50 %d ms, max %d ms (%s)%n",
                BIG, millis[9], millis[19],
                Arrays.stream(millis).mapToObj(Long::toString).collect(Collectors.joining(" ")));
        assertTrue(millis[9] < 500, "p50 under 500 ms");
    }

    @Test
    void carriesTheCallersReadState() {
        QuarkusTransaction.requiringNew().run(() -> {
            pointer(bigRoom, AuthServiceStub.BOB_ID, "bob", 9_950);
            pointer(bigRoom, AuthServiceStub.ALICE_ID, "alice", BIG); // the caller's own: not counted
        });
        JsonPath page = search(bigRoom, "quokka", "3");
        assertEquals(List.of(0, 1, 1), page.getList("messages.read_by", Integer.class));
        assertEquals(List.of("bob"), page.getList("read_pointers.username", String.class));
        assertEquals(List.of(9_950), page.getList("read_pointers.seq", Integer.class));
    }

    private void pointer(String room, long userId, String username, long seq) {
        em.createNativeQuery("INSERT INTO read_pointer (room, user_id, username, last_read_message_id, last_read_seq) "
                + "SELECT room, ?2, ?3, id, seq FROM message WHERE room = ?1 AND seq = ?4")
                .setParameter(1, room).setParameter(2, userId).setParameter(3, username).setParameter(4, seq)
                .executeUpdate();
    }

    @Test
    void privateRoomsOnlyForTheirMembers() {
        String aliceAndBob = "private_" + AuthServiceStub.ALICE_ID + "_" + AuthServiceStub.BOB_ID;
        String bobAndOther = "private_" + AuthServiceStub.BOB_ID + "_" + (AuthServiceStub.BOB_ID + 1);
        String carol = DevTokens.tokenWithoutUserId(StackTestResource.infra, "carol");
        given().auth().oauth2(carol).queryParam("q", "hello").get(PATH, aliceAndBob)
                .then().statusCode(403).body("code", equalTo("forbidden"));
        given().auth().oauth2(alice).queryParam("q", "hello").get(PATH, bobAndOther)
                .then().statusCode(403).body("code", equalTo("forbidden"));
        given().auth().oauth2(alice).queryParam("q", "hello").get(PATH, aliceAndBob).then().statusCode(200);

        long other = 3_000_000_000L + (long) (Math.random() * 1_000_000_000L);
        String room = "private_" + AuthServiceStub.ALICE_ID + "_" + other;
        StreamFixture fixture = new StreamFixture(redis);
        Origin origin = StreamFixture.randomOrigin();
        fixture.send(StreamFixture.text(room, other, "frank", "s-1", "a secret walrus", origin));
        fixture.send(StreamFixture.text(room, other, "frank", "s-2", "nothing to see", origin));
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.connectionEvents(origin).size() == 2);
        JsonPath page = search(room, "walrus", null);
        assertEquals(List.of("a secret walrus"), page.getList("messages.message", String.class));
        assertEquals(List.of(0), page.getList("messages.read_by", Integer.class));
    }

    @Test
    void refusesBadRequestsWith400() {
        for (String q : new String[]{null, "", "   ", "x".repeat(201)}) {
            var request = given().auth().oauth2(alice);
            if (q != null) {
                request.queryParam("q", q);
            }
            request.get(PATH, bigRoom).then().statusCode(400).body("code", equalTo("bad_request"))
                    .body("reason", notNullValue());
        }
        given().auth().oauth2(alice).queryParam("q", "é".repeat(200)).get(PATH, bigRoom).then().statusCode(200);
        for (String limit : List.of("0", "201", "-1", "ten")) {
            given().auth().oauth2(alice).queryParam("q", "quokka").queryParam("limit", limit).get(PATH, bigRoom)
                    .then().statusCode(400).body("code", equalTo("bad_request"));
        }
        for (String badRoom : List.of("bad room!", "private_2_1", "x".repeat(65))) {
            given().auth().oauth2(alice).queryParam("q", "quokka").get(PATH, badRoom)
                    .then().statusCode(400).body("code", equalTo("bad_request"));
        }
    }

    @Test
    void requiresAValidToken() {
        given().queryParam("q", "quokka").get(PATH, bigRoom).then().statusCode(401)
                .header("WWW-Authenticate", "Bearer").body("code", equalTo("unauthorized"));
        given().auth().oauth2("not-a-token").queryParam("q", "quokka").get(PATH, bigRoom).then().statusCode(401);
    }

    @Test
    void openApiDescribesSearchAndReadState() {
        String op = "paths.'/api/rooms/{room}/search'.get";
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(op + ".operationId", equalTo("searchRoomMessages"))
                .body(op + ".summary", notNullValue())
                .body(op + ".responses", hasKey("400"))
                .body(op + ".responses", hasKey("401"))
                .body(op + ".responses", hasKey("403"))
                .body(op + ".responses.'200'.content.'application/json'.schema", notNullValue())
                .body("components.schemas.HistoryMessage.properties", hasKey("read_by"))
                .body("components.schemas.HistoryMessage.properties", hasKey("seq"))
                .body("components.schemas.SearchPage.properties", hasKey("read_pointers"));
    }

    private static JsonPath search(String room, String q, String limit) {
        var request = given().auth().oauth2(alice).queryParam("q", q);
        if (limit != null) {
            request.queryParam("limit", limit);
        }
        return request.get(PATH, room).then().statusCode(200).extract().jsonPath();
    }
}
