package chat.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import chat.stack.DevTokens;
import chat.stack.test.StackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Private room names and membership, with real users. */
@QuarkusTest
@QuarkusTestResource(value = AuthStackResource.class, initArgs = @ResourceArg(name = "database", value = "chat_auth"))
class PrivateRoomTest {

    private static final long UNKNOWN = 999_999_999_999L;
    private String aliceToken;
    private long alice;
    private long bob;
    private long carol;

    @BeforeEach
    void users() {
        aliceToken = TestUsers.token("alice");
        alice = DirectoryTest.me(aliceToken);
        bob = DirectoryTest.me(TestUsers.token("bob"));
        carol = DirectoryTest.me(TestUsers.token("carol"));
    }

    private static io.restassured.response.ValidatableResponse open(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/private-rooms").then();
    }

    @Test
    void bothUsersGetTheSameSortedName() {
        String expected = "private_" + Math.min(alice, bob) + "_" + Math.max(alice, bob);
        open(aliceToken, Map.of("user_id", bob)).statusCode(200).body("room", equalTo(expected));
        open(TestUsers.token("bob"), Map.of("user_id", alice)).statusCode(200).body("room", equalTo(expected));
    }

    @Test
    void refusals() {
        open(aliceToken, Map.of("user_id", UNKNOWN)).statusCode(404).body("code", equalTo("unknown_user"));
        open(aliceToken, Map.of("user_id", alice)).statusCode(400).body("code", equalTo("bad_request"));
        open(aliceToken, Map.of()).statusCode(400).body("code", equalTo("bad_request"));
        given().contentType(ContentType.JSON).body(Map.of("user_id", bob)).post("/api/private-rooms")
                .then().statusCode(401).body("code", equalTo("unauthorized"));
    }

    @Test
    void membershipForOtherServices() {
        String room = "private_" + Math.min(alice, bob) + "_" + Math.max(alice, bob);
        member(room, alice).statusCode(200).body("member", equalTo(true));
        member(room, bob).statusCode(200).body("member", equalTo(true));
        member(room, carol).statusCode(200).body("member", equalTo(false));

        String unsorted = "private_" + Math.max(alice, bob) + "_" + Math.min(alice, bob);
        member(unsorted, alice).statusCode(400).body("code", equalTo("bad_room"));
        member("private_" + alice + "_" + alice, alice).statusCode(400);
        member("private_" + alice + "_" + UNKNOWN, alice).statusCode(404).body("code", equalTo("unknown_user"));
        member(room, UNKNOWN).statusCode(404);
        member("private_x_y", alice).statusCode(404).body("code", equalTo("unknown_room"));
        member("general", alice).statusCode(404);
    }

    @Test
    void membershipIsForTheGatewaysServiceTokenOnly() {
        String path = "/internal/private-rooms/{room}/members/{user}";
        given().get(path, "private_1_2", 1).then().statusCode(401);
        given().auth().oauth2(TestUsers.token("alice")).get(path, "private_1_2", 1).then().statusCode(401);
        given().auth().oauth2(DevTokens.authServiceToken(StackTestResource.infra)).get(path, "private_1_2", 1)
                .then().statusCode(403);
    }

    private static io.restassured.response.ValidatableResponse member(String room, long userId) {
        return given().auth().oauth2(gatewayToken())
                .get("/internal/private-rooms/{room}/members/{user}", room, userId).then();
    }

    private static String gatewayToken;

    /** The gateway's own token (role membership-reader), fetched once. */
    private static synchronized String gatewayToken() {
        if (gatewayToken == null) {
            gatewayToken = DevTokens.gatewayServiceToken(StackTestResource.infra);
        }
        return gatewayToken;
    }
}
