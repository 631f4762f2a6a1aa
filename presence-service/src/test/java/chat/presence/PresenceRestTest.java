package chat.presence;

import static chat.presence.PresenceDriver.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /api/rooms/{room}/presence with real tokens: 401, 200, 403 for private rooms of others. */
@QuarkusTest
@QuarkusTestResource(value = PresenceStackResource.class, initArgs = @ResourceArg(name = "database", value = "chat_presence"))
class PresenceRestTest {

    @Inject
    RedisDataSource redis;

    @Test
    void withoutTokenIs401() {
        given().get("/api/rooms/general/presence").then().statusCode(401).body("code", equalTo("unauthorized"));
        given().auth().oauth2("garbage").get("/api/rooms/general/presence").then().statusCode(401)
                .body("code", equalTo("unauthorized"));
    }

    @Test
    void publicRoomListsItsUsers() {
        PresenceDriver gateway = new PresenceDriver(redis);
        String room = unique("pub");
        String gw = unique("gw");
        gateway.join(room, gw, "c1", 7001, "frank");
        gateway.join(room, gw, "c2", 7000, "eve");
        await().atMost(Duration.ofSeconds(10)).until(() -> List.of("eve", "frank").equals(gateway.lastUserList(room)));
        given().auth().oauth2(Tokens.of("carol")).get("/api/rooms/{room}/presence", room).then().statusCode(200)
                .body("room", equalTo(room))
                .body("users.username", equalTo(List.of("eve", "frank")))
                .body("users.user_id", equalTo(List.of(7000, 7001)))
                .body("users.typing", equalTo(List.of(false, false)));
    }

    @Test
    void privateRoomOnlyForItsMembers() {
        String room = "private_" + StubAuth.IDS.get("alice") + "_" + StubAuth.IDS.get("bob");
        given().auth().oauth2(Tokens.of("alice")).get("/api/rooms/{room}/presence", room).then().statusCode(200)
                .body("room", equalTo(room));
        given().auth().oauth2(Tokens.of("bob")).get("/api/rooms/{room}/presence", room).then().statusCode(200);
        given().auth().oauth2(Tokens.of("carol")).get("/api/rooms/{room}/presence", room).then().statusCode(403)
                .body("code", equalTo("forbidden"));

        String unsorted = "private_" + StubAuth.IDS.get("bob") + "_" + StubAuth.IDS.get("alice");
        given().auth().oauth2(Tokens.of("alice")).get("/api/rooms/{room}/presence", unsorted).then().statusCode(400)
                .body("code", equalTo("bad_room"));
        given().auth().oauth2(Tokens.of("alice")).get("/api/rooms/{room}/presence", "private_x").then().statusCode(400);
    }

    @Test
    void openApiNamesEveryOperation() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.collect { it.value.collect { op -> op.value.operationId } }.flatten()",
                        hasItems("roomPresence", "directoryPresence"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
