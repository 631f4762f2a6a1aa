package chat.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.stack.test.TimedGets;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A directory of 20,000 users of whom 5,000 are online, against the real PostgreSQL: every user
 * once, in order, with the right online flag and last-seen time, and those times written down.
 */
@QuarkusTest
@QuarkusTestResource(value = AuthStackResource.class, initArgs = @ResourceArg(name = "database", value = "chat_auth"))
class LargeDirectoryTest {

    private static final int USERS = 20_000;
    private static final int ONLINE = 5_000;
    private final String tag = "bulk-" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void cleanUp() throws SQLException {
        StubPresence.body = StubPresence.EMPTY;
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement("DELETE FROM app_user WHERE keycloak_id LIKE ?")) {
            delete.setString(1, tag + "%");
            delete.executeUpdate();
        }
    }

    @Test
    void everyUserOnceInOrderWithTheirPresence() throws SQLException {
        Map<Long, String> names = insertUsers();
        List<Long> ids = new ArrayList<>(names.keySet());
        ids.sort(null);
        Set<Long> online = new HashSet<>(ids.subList(0, ONLINE));
        Map<Long, String> lastSeen = new HashMap<>();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < ids.size(); i++) {
            lastSeen.put(ids.get(i), t0.plusSeconds(i).toString());
        }
        Instant cursor = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        StubPresence.body = DirectoryTest.presence(new ArrayList<>(online), lastSeen, cursor);
        String token = TestUsers.token("alice");
        Instant before = Instant.now();

        List<Map<String, Object>> directory = given().auth().oauth2(token).get("/api/users").then().statusCode(200)
                .extract().jsonPath().getList("$");
        List<String> listed = new ArrayList<>();
        for (Map<String, Object> entry : directory) {
            long id = ((Number) entry.get("user_id")).longValue();
            if (!names.containsKey(id)) {
                continue;
            }
            listed.add((String) entry.get("username"));
            assertEquals(names.get(id), entry.get("username"));
            assertEquals(online.contains(id), entry.get("online"), "online flag of " + id);
            if (online.contains(id)) {
                assertTrue(!Instant.parse((String) entry.get("last_seen")).isBefore(before.minusSeconds(1)),
                        "online: seen now");
            } else {
                assertEquals(lastSeen.get(id), entry.get("last_seen"), "last seen of " + id);
            }
        }
        List<String> sorted = new ArrayList<>(names.values());
        sorted.sort(null);
        assertEquals(sorted, listed, "every user once, ordered by username");
        assertEquals(USERS, storedLastSeen(), "every last-seen time written down");

        StubPresence.body = DirectoryTest.presence(new ArrayList<>(online), Map.of(), cursor.plusSeconds(1));
        System.out.printf("directory: %d users (%d of them test users), %d online: GET /api/users took %s ms%n",
                directory.size(), USERS, ONLINE,
                TimedGets.millis(RestAssured.baseURI + ":" + RestAssured.port + "/api/users", token, 5));
    }

    private Map<Long, String> insertUsers() throws SQLException {
        Map<Long, String> names = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO app_user (keycloak_id, username) SELECT ? || g, ? || lpad(g::text, 5, '0') "
                                + "FROM generate_series(1, ?) AS g RETURNING user_id, username")) {
            insert.setString(1, tag + "-");
            insert.setString(2, tag + "-u");
            insert.setInt(3, USERS);
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return names;
    }

    private long storedLastSeen() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement count = c.prepareStatement(
                        "SELECT count(*) FROM app_user WHERE keycloak_id LIKE ? AND last_seen IS NOT NULL")) {
            count.setString(1, tag + "%");
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

}
