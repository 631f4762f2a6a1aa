package chat.message.rest;

import chat.stack.test.AuthServiceStub;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.events.MarkRead;
import chat.events.Origin;
import chat.events.RoomEvent;
import chat.events.StreamCodec;
import chat.message.stream.StreamFixture;
import chat.stack.DevTokens;
import chat.stack.test.StackTestResource;
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

/** The conversation list from messages and read receipts stored through the real consumer, with real Keycloak tokens. */
@QuarkusTest
@QuarkusTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "chat_message"))
@QuarkusTestResource(AuthServiceStub.class)
class ConversationsResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    RedisDataSource redis;

    StreamFixture fixture;
    String alice;
    String bob;

    @BeforeEach
    void useTheTestStreams() {
        fixture = new StreamFixture(redis);
        alice = token("alice");
        bob = token("bob");
    }

    /** A real access token of a development user, fetched once per test run. */
    private static String token(String user) {
        return TOKENS.computeIfAbsent(user, u -> DevTokens.tokenWithoutUserId(StackTestResource.infra, u));
    }

    @Test
    void newestMessageAndUnreadCountPerRoomNewestFirst() {
        // a public room alice read one of three messages of bob's in
        String lobby = StreamFixture.randomRoom();
        List<Long> lobbyIds = post(lobby, AuthServiceStub.BOB_ID, "bob", "lobby", 3);
        read(lobby, AuthServiceStub.ALICE_ID, "alice", lobbyIds.get(0));
        // a private room where bob wrote twice and alice never read: listed through its membership
        String chat = "private_" + AuthServiceStub.ALICE_ID + "_" + AuthServiceStub.BOB_ID;
        post(chat, AuthServiceStub.BOB_ID, "bob", "psst", 2);

        Map<String, Map<String, Object>> byRoom = conversations(alice);
        assertEquals(2, byRoom.get(lobby).get("unread"));
        assertEquals(1, byRoom.get(lobby).get("last_read_seq"));
        assertEquals("lobby 3", newest(byRoom.get(lobby)).get("message"));
        assertEquals(3, newest(byRoom.get(lobby)).get("seq"));
        assertEquals(2, byRoom.get(chat).get("unread"));
        assertEquals("psst 2", newest(byRoom.get(chat)).get("message"));
        assertEquals("bob", newest(byRoom.get(chat)).get("username"));
        assertEquals(List.of(chat, lobby),
                rooms(alice).stream().filter(r -> r.equals(chat) || r.equals(lobby)).toList(),
                "newest activity first");

        // alice reads the private room and answers: nothing unread there, her answer is the newest
        List<Long> chatIds = messageIds(chat);
        read(chat, AuthServiceStub.ALICE_ID, "alice", chatIds.get(1));
        post(chat, AuthServiceStub.ALICE_ID, "alice", "answer", 1);
        Map<String, Object> answered = conversations(alice).get(chat);
        assertEquals(0, answered.get("unread"));
        assertEquals("answer 1", newest(answered).get("message"));

        // bob: his own messages never count as unread; alice's answer does
        Map<String, Map<String, Object>> bobs = conversations(bob);
        assertEquals(1, bobs.get(chat).get("unread"));
        assertTrue(!bobs.containsKey(lobby), "bob never read the lobby: " + bobs.keySet());
    }

    @Test
    void readingUpToTheNewestLeavesNothingUnread() {
        String room = StreamFixture.randomRoom();
        long id = post(room, AuthServiceStub.BOB_ID, "bob", "only", 1).get(0);
        read(room, AuthServiceStub.ALICE_ID, "alice", id);
        Map<String, Object> entry = conversations(alice).get(room);
        assertEquals(0, entry.get("unread"));
        assertEquals("only 1", newest(entry).get("message"));
        assertNull(conversations(bob).get(room), "bob has no read pointer there");
    }

    @Test
    void unknownCallerHasNoConversationsAndAnonymousIsRefused() {
        assertEquals(0, given().auth().oauth2(token("carol")).get("/api/conversations").then().statusCode(200)
                .extract().jsonPath().getList("conversations").size());
        given().get("/api/conversations").then().statusCode(401);
    }

    /** Posts n messages "{text} 1".."{text} n" from one user; returns their ids in seq order. */
    private List<Long> post(String room, long userId, String username, String text, int n) {
        Origin origin = StreamFixture.randomOrigin();
        for (int i = 1; i <= n; i++) {
            fixture.send(StreamFixture.text(room, userId, username, text + "-" + i, text + " " + i, origin));
        }
        await().atMost(WAIT).until(() -> fixture.connectionEvents(origin).size() == n);
        return messageIds(room).subList(messageIds(room).size() - n, messageIds(room).size());
    }

    private List<Long> messageIds(String room) {
        return fixture.roomEvents(room, RoomEvent.CHAT_MESSAGE).stream().map(e -> {
            try {
                return StreamCodec.json().readTree(e.frame()).get("message_id").asLong();
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }).toList();
    }

    /** Moves a read pointer and waits until it is announced. */
    private void read(String room, long userId, String username, long messageId) {
        int before = fixture.roomEvents(room, RoomEvent.MESSAGE_READ).size();
        fixture.send(new MarkRead(room, userId, username, messageId, StreamFixture.randomOrigin()));
        await().atMost(WAIT).until(() -> fixture.roomEvents(room, RoomEvent.MESSAGE_READ).size() == before + 1);
    }

    private static JsonPath list(String token) {
        return given().auth().oauth2(token).get("/api/conversations").then().statusCode(200).extract().jsonPath();
    }

    private static List<String> rooms(String token) {
        return list(token).getList("conversations.room", String.class);
    }

    private static Map<String, Map<String, Object>> conversations(String token) {
        List<Map<String, Object>> entries = list(token).getList("conversations");
        Map<String, Map<String, Object>> byRoom = new java.util.LinkedHashMap<>();
        entries.forEach(e -> byRoom.put((String) e.get("room"), e));
        return byRoom;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> newest(Map<String, Object> conversation) {
        return (Map<String, Object>) conversation.get("newest_message");
    }
}
