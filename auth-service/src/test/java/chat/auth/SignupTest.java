package chat.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Base64;
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
    void signedUpUsersFirstTokenCarriesTheirDirectoryId() {
        String name = users.newName();
        long id = signup(name, TestUsers.PASSWORD).statusCode(201).extract().jsonPath().getLong("user_id");
        String token = TestUsers.token(name, TestUsers.PASSWORD);
        JsonNode claims = claims(token);
        assertEquals(id, claims.path("user_id").asLong(), "the user_id claim (Keycloak attribute set at signup)");
        assertTrue(claims.path("aud").toString().contains("\"chat-engine\""), "audience: " + claims.path("aud"));
    }

    @Test
    void signupsPerClientAddressAreLimited() {
        // the test's own requests come from a trusted proxy address, so X-Forwarded-For names the client;
        // every attempt counts, so invalid usernames exhaust the allowance without creating users
        String address = "203.0.113." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 40; i++) {
            signupFrom(address).statusCode(400).body("code", equalTo("bad_username"));
        }
        signupFrom(address).statusCode(429).body("code", equalTo("rate_limited"));
        signupFrom("198.51.100.7").statusCode(400);
    }

    private static io.restassured.response.ValidatableResponse signupFrom(String address) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("username", "X", "password", TestUsers.PASSWORD)).post("/api/signup").then();
    }

    static JsonNode claims(String jwt) {
        try {
            return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
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
        for (String bad : new String[]{"ab", "Alice", "has space", "x".repeat(33), "ünï", ""}) {
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
