package chat.message.rest;

import chat.stack.test.AuthServiceStub;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.events.Origin;
import chat.events.RoomEvent;
import chat.events.StreamCodec;
import chat.message.stream.StreamFixture;
import chat.stack.DevTokens;
import chat.stack.test.StackTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** History REST against messages stored through the real consumer, with real Keycloak tokens. */
@QuarkusTest
@QuarkusTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "chat_message"))
@QuarkusTestResource(AuthServiceStub.class)
class RoomMessagesResourceTest {

    private static final String PATH = "/api/rooms/{room}/messages";
    private static final String INTERNAL = "/internal/rooms/{room}/messages";
    private static String token;

    @Inject
    RedisDataSource redis;

    StreamFixture fixture;
    String room;

    @BeforeEach
    void seed() {
        if (token == null) {
            token = DevTokens.tokenWithoutUserId(StackTestResource.infra, "alice");
        }
        fixture = new StreamFixture(redis);
        room = StreamFixture.randomRoom();
        Origin origin = StreamFixture.randomOrigin();
        for (int i = 1; i <= 7; i++) {
            fixture.send(StreamFixture.text(room, 1, "alice", "h-" + i, "message " + i, origin));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.connectionEvents(origin).size() == 7);
    }

    @Test
    void pagesBySeqOldestFirst() {
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), seqs(history("")));
        assertEquals(List.of(5, 6, 7), seqs(history("limit=3")));
        assertEquals(List.of(3, 4), seqs(history("after_seq=2&limit=2")));
        assertEquals(List.of(1, 2, 3), seqs(history("before_seq=4")));
        assertEquals(List.of(2, 3), seqs(history("before_seq=4&limit=2")));
        assertEquals(List.of(2, 3, 4), seqs(history("after_seq=1&before_seq=5")));
        assertEquals(List.of(2, 3), seqs(history("after_seq=1&before_seq=5&limit=2")));
        assertEquals(List.of(), seqs(history("after_seq=7")));
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), seqs(history("limit=200")));
        history("").body("room", equalTo(room));
    }

    @Test
    void historyFramesAreTheLiveFrames() throws Exception {
        List<RoomEvent> live = fixture.roomEvents(room, RoomEvent.CHAT_MESSAGE);
        String body = history("").extract().asString();
        JsonNode page = StreamCodec.json().readTree(body);
        JsonNode messages = page.get("messages");
        assertEquals(live.size(), messages.size());
        for (int i = 0; i < live.size(); i++) {
            ObjectNode message = (ObjectNode) messages.get(i);
            assertEquals(0, message.remove("read_by").asInt(), "nobody else has read this new room");
            assertEquals(StreamCodec.json().readTree(live.get(i).frame()), message);
        }
        assertEquals(0, page.get("read_pointers").size());
        JsonNode first = messages.get(0);
        for (String field : List.of("type", "room", "message_id", "seq", "message", "username", "user_id", "timestamp",
                "sent_at", "image_url", "audio_url", "client_id")) {
            assertEquals(true, first.has(field), field);
        }
    }

    @Test
    void refusesBadParametersWith400() {
        for (String query : List.of("limit=201", "limit=0", "limit=-5", "limit=ten", "after_seq=abc", "before_seq=-1",
                "after_seq=1.5")) {
            given().auth().oauth2(token).get(PATH + "?" + query, room)
                    .then().statusCode(400).body("code", equalTo("bad_request")).body("reason", notNullValue());
        }
        for (String badRoom : List.of("bad room!", "x".repeat(65), "private_2_1", "private_3_3", "private_x_y")) {
            given().auth().oauth2(token).get(PATH, badRoom)
                    .then().statusCode(400).body("code", equalTo("bad_request"));
        }
    }

    @Test
    void privateHistoryOnlyForMembers() {
        String aliceAndBob = "private_" + AuthServiceStub.ALICE_ID + "_" + AuthServiceStub.BOB_ID;
        String bobAndOther = "private_" + AuthServiceStub.BOB_ID + "_" + (AuthServiceStub.BOB_ID + 1);
        Origin origin = StreamFixture.randomOrigin();
        fixture.send(StreamFixture.text(aliceAndBob, AuthServiceStub.BOB_ID, "bob", "p-1", "for alice only", origin));
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.connectionEvents(origin).size() == 1);
        long seq = readSeq(fixture.connectionEvents(origin).get(0).frame());

        assertTrue(seq >= 1); // the pair's room outlives a test run: earlier runs' messages may be there
        ValidatableResponse page = given().auth().oauth2(token).queryParam("after_seq", seq - 1).get(PATH, aliceAndBob)
                .then().statusCode(200)
                .body("room", equalTo(aliceAndBob))
                .body("messages.size()", equalTo(1))
                .body("messages[0].message", equalTo("for alice only"));
        assertEquals(AuthServiceStub.BOB_ID, page.extract().jsonPath().getLong("messages[0].user_id"));
        given().auth().oauth2(token).get(PATH, bobAndOther)
                .then().statusCode(403).body("code", equalTo("forbidden"));
        String bob = DevTokens.tokenWithoutUserId(StackTestResource.infra, "bob");
        given().auth().oauth2(bob).get(PATH, bobAndOther).then().statusCode(200).body("messages.size()", equalTo(0));
        String carol = DevTokens.tokenWithoutUserId(StackTestResource.infra, "carol");
        given().auth().oauth2(carol).get(PATH, aliceAndBob)
                .then().statusCode(403).body("code", equalTo("forbidden"));
        AuthServiceStub.unavailable = true;
        try {
            given().auth().oauth2(carol).get(PATH, aliceAndBob)
                    .then().statusCode(503).body("code", equalTo("unavailable"));
            given().auth().oauth2(carol).get(PATH, room).then().statusCode(200) // public: read state keyed by username
                    .body("messages.size()", equalTo(7));
        } finally {
            AuthServiceStub.unavailable = false;
        }
    }

    private static long readSeq(String ackFrame) {
        try {
            return StreamCodec.json().readTree(ackFrame).get("seq").asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void requiresAValidToken() {
        given().get(PATH, room).then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .body("code", equalTo("unauthorized"));
        given().auth().oauth2("not-a-token").get(PATH, room).then().statusCode(401)
                .body("code", equalTo("unauthorized"));
    }

    @Test
    void internalHistoryNeedsTheGatewaysServiceToken() {
        String gateway = DevTokens.gatewayServiceToken(StackTestResource.infra);
        assertEquals(List.of(6, 7),
                seqs(internal(gateway).get(INTERNAL + "?after_seq=5", room).then().statusCode(200)));
        assertEquals(List.of(1, 2),
                seqs(internal(gateway).get(INTERNAL + "?after_seq=0&limit=2", room).then().statusCode(200)));
        internal(gateway).get(INTERNAL + "?limit=500", room).then().statusCode(400).body("code",
                equalTo("bad_request"));
        internal(gateway).get(INTERNAL, "bad room!").then().statusCode(400);
        internal(gateway).get(INTERNAL, "private_1_2").then().statusCode(200).body("room", equalTo("private_1_2"));
        // anonymous, a user's token, and a service without the role history-reader
        given().get(INTERNAL, "private_1_2").then().statusCode(401);
        internal(token).get(INTERNAL, "private_1_2").then().statusCode(401);
        internal(DevTokens.authServiceToken(StackTestResource.infra)).get(INTERNAL, "private_1_2").then()
                .statusCode(403);
    }

    private static io.restassured.specification.RequestSpecification internal(String bearer) {
        return given().auth().oauth2(bearer);
    }

    @Test
    void openApiDescribesEveryOperation() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("info.title", equalTo("message-service API"))
                .body("paths.'/api/rooms/{room}/messages'.get.operationId", equalTo("listRoomMessages"))
                .body("paths.'/api/rooms/{room}/messages'.get.summary", notNullValue())
                .body("paths.'/api/rooms/{room}/messages'.get.responses", hasKey("400"))
                .body("paths.'/api/rooms/{room}/messages'.get.responses", hasKey("401"))
                .body("paths.'/api/rooms/{room}/messages'.get.responses", hasKey("403"))
                .body("paths.'/api/rooms/{room}/messages'.get.responses", hasKey("503"))
                .body("paths.'/api/rooms/{room}/messages'.get.responses.'200'.content.'application/json'.schema",
                        notNullValue())
                .body("paths.'/internal/rooms/{room}/messages'.get.operationId", equalTo("listRoomMessagesInternal"))
                .body("paths.'/internal/rooms/{room}/messages'.get.responses", hasKey("400"));
    }

    @Test
    void healthIsUp() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private ValidatableResponse history(String query) {
        return given().auth().oauth2(token).get(PATH + (query.isEmpty() ? "" : "?" + query), room)
                .then().statusCode(200);
    }

    private static List<Integer> seqs(ValidatableResponse response) {
        return response.extract().jsonPath().getList("messages.seq", Integer.class);
    }
}
