package chat.message.rest;

import chat.stack.test.AuthServiceStub;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.events.MarkRead;
import chat.events.Origin;
import chat.events.RoomEvent;
import chat.events.StreamCodec;
import chat.message.stream.StreamFixture;
import chat.stack.DevTokens;
import chat.stack.test.StackTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code read_by} and {@code read_pointers} in history, from read receipts sent through the real consumer. */
@QuarkusTest
@QuarkusTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "chat_message"))
@QuarkusTestResource(AuthServiceStub.class)
class ReadStateResourceTest {

    private static final String PATH = "/api/rooms/{room}/messages";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static String alice;
    private static String bob;

    @Inject
    RedisDataSource redis;

    StreamFixture fixture;

    @BeforeEach
    void setUp() {
        if (alice == null) {
            alice = DevTokens.tokenWithoutUserId(StackTestResource.infra, "alice");
            bob = DevTokens.tokenWithoutUserId(StackTestResource.infra, "bob");
        }
        fixture = new StreamFixture(redis);
    }

    @Test
    void bobReadUpToThreeOfFive() {
        String room = StreamFixture.randomRoom();
        List<Long> ids = sendMessages(room, AuthServiceStub.ALICE_ID, "alice", 5);
        markRead(room, AuthServiceStub.BOB_ID, "bob", ids.get(2), 1);
        markRead(room, AuthServiceStub.ALICE_ID, "alice", ids.get(4), 2); // the caller's own pointer: never counted

        JsonPath page = history(alice, room, "");
        assertEquals(List.of(1, 1, 1, 0, 0), page.getList("messages.read_by", Integer.class));
        assertEquals(
                List.of(Map.of("user_id", AuthServiceStub.BOB_ID, "username", "bob", "message_id", ids.get(2), "seq",
                        3L)),
                pointers(page));
        assertEquals(List.of(0, 0), history(alice, room, "after_seq=3").getList("messages.read_by", Integer.class));
        assertEquals(List.of(1, 1),
                history(alice, room, "after_seq=1&before_seq=4&limit=2").getList("messages.read_by", Integer.class));

        JsonPath bobsPage = history(bob, room, "");
        assertEquals(List.of(1, 1, 1, 1, 1), bobsPage.getList("messages.read_by", Integer.class));
        assertEquals(
                List.of(Map.of("user_id", AuthServiceStub.ALICE_ID, "username", "alice", "message_id", ids.get(4),
                        "seq", 5L)),
                pointers(bobsPage));
    }

    @Test
    void publicRoomCountsEveryOtherReaderAndListsTheMostRecentFirst() {
        String room = StreamFixture.randomRoom();
        List<Long> ids = sendMessages(room, 41, "erin", 5);
        markRead(room, AuthServiceStub.BOB_ID, "bob", ids.get(2), 1);
        markRead(room, 42, "dave", ids.get(3), 2);
        markRead(room, 41, "erin", ids.get(0), 3);

        JsonPath page = history(alice, room, "");
        assertEquals(List.of(3, 2, 2, 1, 0), page.getList("messages.read_by", Integer.class));
        assertEquals(List.of("erin", "dave", "bob"), page.getList("read_pointers.username", String.class));
        assertEquals(List.of(1, 4, 3), page.getList("read_pointers.seq", Integer.class));
    }

    @Test
    void privateRoomReadByIsTheSecondTick() {
        long other = 3_000_000_000L + (long) (Math.random() * 1_000_000_000L);
        String room = "private_" + AuthServiceStub.ALICE_ID + "_" + other;
        List<Long> ids = sendMessages(room, AuthServiceStub.ALICE_ID, "alice", 3);
        markRead(room, other, "frank", ids.get(1), 1);

        JsonPath page = history(alice, room, "");
        assertEquals(List.of(1, 1, 0), page.getList("messages.read_by", Integer.class));
        assertEquals(List.of("frank"), page.getList("read_pointers.username", String.class));
    }

    /** Sends n messages from one user; returns their ids in seq order. */
    private List<Long> sendMessages(String room, long userId, String username, int n) {
        Origin origin = StreamFixture.randomOrigin();
        for (int i = 1; i <= n; i++) {
            fixture.send(StreamFixture.text(room, userId, username, "m-" + i, "message " + i, origin));
        }
        await().atMost(WAIT).until(() -> fixture.connectionEvents(origin).size() == n);
        return fixture.roomEvents(room, RoomEvent.CHAT_MESSAGE).stream()
                .map(e -> readTree(e.frame()).get("message_id").asLong()).toList();
    }

    /** Sends a read receipt and waits until it is announced (the room's {@code total}-th). */
    private void markRead(String room, long userId, String username, long messageId, int total) {
        fixture.send(new MarkRead(room, userId, username, messageId, StreamFixture.randomOrigin()));
        await().atMost(WAIT).until(() -> fixture.roomEvents(room, RoomEvent.MESSAGE_READ).size() == total);
    }

    private static JsonPath history(String token, String room, String query) {
        return given().auth().oauth2(token).get(PATH + (query.isEmpty() ? "" : "?" + query), room)
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<Map<String, Object>> pointers(JsonPath page) {
        return page.getList("read_pointers").stream().map(p -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) p;
            return Map.<String, Object>of("user_id", ((Number) m.get("user_id")).longValue(), "username",
                    m.get("username"),
                    "message_id", ((Number) m.get("message_id")).longValue(), "seq",
                    ((Number) m.get("seq")).longValue());
        }).toList();
    }

    private static JsonNode readTree(String json) {
        try {
            return StreamCodec.json().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
