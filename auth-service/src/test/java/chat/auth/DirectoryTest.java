package chat.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** GET /api/users/me and /api/users against the real Keycloak and PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = AuthStackResource.class, initArgs = @ResourceArg(name = "database", value = "chat_auth"))
class DirectoryTest {

    @Inject
    Keycloak keycloak;

    @Inject
    AgroalDataSource dataSource;

    private final TestUsers users = new TestUsers();

    @AfterEach
    void cleanUp() {
        users.removeAll(keycloak);
        StubPresence.body = StubPresence.EMPTY;
        StubPresence.down = false;
    }

    static long me(String token) {
        return given().auth().oauth2(token).get("/api/users/me")
                .then().statusCode(200).extract().jsonPath().getLong("user_id");
    }

    @Test
    void firstSightGivesStableIdsPerUser() {
        String alice = TestUsers.token("alice");
        long first = me(alice);
        given().auth().oauth2(alice).get("/api/users/me")
                .then().statusCode(200).body("user_id", equalTo((int) first)).body("username", equalTo("alice"));
        assertEquals(first, me(TestUsers.token("alice")), "a new token of the same user gives the same id");
        long bob = me(TestUsers.token("bob"));
        assertNotEquals(first, bob);
    }

    @Test
    void concurrentFirstCallsGiveOneId() throws Exception {
        String name = users.newName();
        createKeycloakUser(name);
        String token = TestUsers.token(name, TestUsers.PASSWORD);
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        try {
            for (int i = 0; i < callers; i++) {
                pool.submit(() -> {
                    start.await();
                    ids.add(me(token));
                    return null;
                });
            }
            start.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, ids.size(), "all concurrent first calls got one id: " + ids);
    }

    @Test
    void replacedKeycloakUserGetsANewIdAndTheOldOneIsRetired() {
        String name = users.newName();
        createKeycloakUser(name);
        long first = me(TestUsers.token(name, TestUsers.PASSWORD));
        for (UserRepresentation old : keycloak.realm("chat").users().searchByUsername(name, true)) {
            keycloak.realm("chat").users().delete(old.getId()).close();
        }
        createKeycloakUser(name);
        String token = TestUsers.token(name, TestUsers.PASSWORD);
        long second = me(token);
        assertNotEquals(first, second, "another Keycloak user with the same name is another person");
        List<Map<String, Object>> entries = given().auth().oauth2(token).get("/api/users").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertEquals(List.of(second), entries.stream().filter(e -> String.valueOf(e.get("username")).contains(name))
                .map(e -> ((Number) e.get("user_id")).longValue()).collect(Collectors.toList()));
    }

    @Test
    void directoryListsCallersOrderedWithPresence() {
        long alice = me(TestUsers.token("alice"));
        String onlineName = users.newName();
        String offlineName = users.newName();
        long online = signup(onlineName);
        long offline = signup(offlineName);
        String token = TestUsers.token(onlineName, TestUsers.PASSWORD);
        Instant cursor = Instant.now().truncatedTo(ChronoUnit.MILLIS); // later than any cursor stored before
        StubPresence.body = presence(List.of(online), Map.of(offline, "2024-01-01T00:00:00Z", online,
                "2023-06-01T00:00:00Z"), cursor);
        Instant before = Instant.now();

        JsonPath directory = given().auth().oauth2(token).get("/api/users").then().statusCode(200).extract().jsonPath();
        List<String> names = directory.getList("username");
        assertEquals(names.stream().sorted().collect(Collectors.toList()), names, "ordered by username");
        assertEquals("alice", entry(directory, alice).get("username"), "alice is listed once she called /me");
        Map<String, Object> onlineEntry = entry(directory, online);
        assertEquals(onlineName, onlineEntry.get("username"));
        assertEquals(true, onlineEntry.get("online"));
        assertFalse(Instant.parse((String) onlineEntry.get("last_seen")).isBefore(before.minusSeconds(1)),
                "an online user was last seen now");
        assertEquals(false, entry(directory, offline).get("online"));
        assertEquals("2024-01-01T00:00:00Z", entry(directory, offline).get("last_seen"));

        // the changes were written down: the next call asks from the cursor, and nothing new keeps them
        StubPresence.queries.clear();
        StubPresence.body = presence(List.of(), Map.of(offline, "2020-01-01T00:00:00Z"), cursor.plusSeconds(1));
        JsonPath next = given().auth().oauth2(token).get("/api/users").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("cursor=" + URLEncoder.encode(cursor.toString(), StandardCharsets.UTF_8)),
                StubPresence.queries, "asked only for what changed since the last answer");
        assertEquals(false, entry(next, online).get("online"), "gone offline");
        assertEquals("2023-06-01T00:00:00Z", entry(next, online).get("last_seen"), "with the time learnt before");
        assertEquals("2024-01-01T00:00:00Z", entry(next, offline).get("last_seen"),
                "an older time never moves one back");
        assertEquals(cursor.plusSeconds(1), storedCursor(), "the cursor is stored with the changes");

        StubPresence.down = true;
        JsonPath away = given().auth().oauth2(token).get("/api/users").then().statusCode(200).extract().jsonPath();
        assertEquals(false, entry(away, online).get("online"), "presence unreachable: offline, not an error");
        assertEquals("2024-01-01T00:00:00Z", entry(away, offline).get("last_seen"),
                "the last seen time learnt before is kept");
    }

    /** presence-service's answer: these users online, these last-seen times, this cursor. */
    static String presence(List<Long> online, Map<Long, String> lastSeen, Instant cursor) {
        String changes = lastSeen.entrySet().stream()
                .map(e -> "{\"user_id\":" + e.getKey() + ",\"last_seen\":\"" + e.getValue() + "\"}")
                .collect(Collectors.joining(","));
        return "{\"online\":" + online + ",\"last_seen\":[" + changes + "],\"cursor\":\"" + cursor + "\"}";
    }

    private Instant storedCursor() {
        try (java.sql.Connection c = dataSource.getConnection();
                var rs = c.createStatement().executeQuery("SELECT cursor FROM presence_cursor WHERE id = 1")) {
            assertTrue(rs.next(), "a cursor is stored");
            return rs.getTimestamp(1).toInstant();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long signup(String name) {
        return given().contentType(ContentType.JSON).body(Map.of("username", name, "password", TestUsers.PASSWORD))
                .post("/api/signup").then().statusCode(201).extract().jsonPath().getLong("user_id");
    }

    @Test
    void withoutTokenIs401() {
        given().get("/api/users").then().statusCode(401).body("code", equalTo("unauthorized"));
        given().get("/api/users/me").then().statusCode(401).body("code", equalTo("unauthorized"));
        given().auth().oauth2("not-a-token").get("/api/users/me").then().statusCode(401)
                .body("code", equalTo("unauthorized"));
    }

    private static Map<String, Object> entry(JsonPath directory, long userId) {
        List<Map<String, Object>> entries = directory.getList("$");
        return entries.stream().filter(e -> ((Number) e.get("user_id")).longValue() == userId).findFirst()
                .orElseThrow(() -> new AssertionError("user " + userId + " not in the directory"));
    }

    private void createKeycloakUser(String name) {
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(TestUsers.PASSWORD);
        password.setTemporary(false);
        UserRepresentation user = new UserRepresentation();
        user.setUsername(name);
        user.setEmail(name + "@users.chat.local");
        user.setFirstName(name);
        user.setLastName("Test");
        user.setEmailVerified(true);
        user.setEnabled(true);
        user.setCredentials(List.of(password));
        try (var response = keycloak.realm("chat").users().create(user)) {
            assertEquals(201, response.getStatus());
        }
    }
}
