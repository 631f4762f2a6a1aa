package chat.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;

/** POST /api/signup against the real Keycloak admin API and password policy. */
@QuarkusTest
@QuarkusTestResource(value = AuthStackResource.class, initArgs = @ResourceArg(name = "database", value = "chat_auth"))
class SignupTest {

    @Inject
    Keycloak keycloak;

    private final TestUsers users = new TestUsers();

    @AfterEach
    void cleanUp() {
        users.removeAll(keycloak);
    }

    private static io.restassured.response.ValidatableResponse signup(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/signup").then();
    }

    @Test
    void signedUpUserLogsInAtOnceAndIsInTheDirectory() {
        String name = users.newName();
        long id = signup(name, TestUsers.PASSWORD).statusCode(201)
                .body("username", equalTo(name)).extract().jsonPath().getLong("user_id");

        String token = TestUsers.token(name, TestUsers.PASSWORD);
        assertEquals(id, DirectoryTest.me(token), "login gives the id signup returned");
        given().auth().oauth2(token).get("/api/users").then().statusCode(200).body("username", hasItem(name));
    }

    @Test
    void takenUsernameIs409() {
        String name = users.newName();
        signup(name, TestUsers.PASSWORD).statusCode(201);
        signup(name, "another-password-1").statusCode(409).body("code", equalTo("username_taken"));
        signup("alice", "another-password-1").statusCode(409).body("code", equalTo("username_taken"));
    }

    @Test
    void badUsernameIs400() {
        for (String bad : new String[] {"ab", "Alice", "has space", "x".repeat(33), "ünï", ""}) {
            signup(bad, TestUsers.PASSWORD).statusCode(400).body("code", equalTo("bad_username"));
        }
        given().contentType(ContentType.JSON).body("{\"password\":\"whatever-123\"}").post("/api/signup")
                .then().statusCode(400).body("code", equalTo("bad_username"));
    }

    @Test
    void weakPasswordIs400FromTheRealmPolicy() {
        String name = users.newName();
        signup(name, "short").statusCode(400).body("code", equalTo("weak_password"));
        signup(name, name).statusCode(400).body("code", equalTo("weak_password"));
        // nothing was created: the name is still free
        signup(name, TestUsers.PASSWORD).statusCode(201);
    }
}
