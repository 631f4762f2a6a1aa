package chat.auth.service;

import chat.auth.config.AuthConfig;
import chat.auth.entity.AppUser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The user directory: provisions Keycloak users on first sight (race-free upsert) and
 * answers who exists. Ids are never reused nor deleted, so known ids and subjects are cached.
 */
@ApplicationScoped
public class UserDirectory {

    /** Frees a username still held by a row of another Keycloak user (deleted or renamed there). */
    private static final String RETIRE_NAME = """
            UPDATE app_user SET username = ? || user_id || ? || username
            WHERE username = ? AND keycloak_id <> ?""";
    private static final String FIND = "SELECT user_id, username FROM app_user WHERE keycloak_id = ?";
    private static final String UPSERT = """
            INSERT INTO app_user (keycloak_id, username) VALUES (?, ?)
            ON CONFLICT (keycloak_id) DO UPDATE SET username = EXCLUDED.username
            RETURNING user_id, username""";
    /** The directory as plain columns (no entity per row), ordered by the username index; retired names left out. */
    private static final String LIST = """
            SELECT user_id, username, last_seen FROM app_user WHERE username NOT LIKE ? ORDER BY username""";

    private final AgroalDataSource dataSource;
    private final int cacheSize;
    private final Map<String, UserRef> bySubject = new ConcurrentHashMap<>();
    private final Set<Long> knownIds = ConcurrentHashMap.newKeySet();

    public UserDirectory(AgroalDataSource dataSource, AuthConfig config) {
        this.dataSource = dataSource;
        this.cacheSize = config.identityCacheSize();
    }

    /** The entry of a Keycloak user, created on first sight; the same id on every later call. */
    public UserRef provision(String keycloakId, String username) {
        UserRef cached = bySubject.get(keycloakId);
        if (cached != null && cached.username().equals(username)) {
            return cached;
        }
        UserRef ref = QuarkusTransaction.requiringNew().call(() -> upsert(keycloakId, username));
        if (bySubject.size() >= cacheSize) {
            bySubject.clear();
        }
        bySubject.put(keycloakId, ref);
        remember(ref.userId());
        if (cached == null) {
            Log.debugf("directory: subject resolved to user %d", ref.userId());
        }
        return ref;
    }

    /** True when the id belongs to a directory entry. */
    public boolean exists(long userId) {
        if (knownIds.contains(userId)) {
            return true;
        }
        boolean found = AppUser.count("userId", userId) > 0;
        if (found) {
            remember(userId);
        }
        return found;
    }

    /** Every user, ordered by username. */
    public List<ListedUser> list() {
        try (Connection c = dataSource.getConnection(); PreparedStatement list = c.prepareStatement(LIST)) {
            list.setString(1, AppUser.RETIRED_PREFIX + "%");
            list.setFetchSize(5000);
            List<ListedUser> users = new ArrayList<>();
            try (ResultSet rs = list.executeQuery()) {
                while (rs.next()) {
                    Timestamp lastSeen = rs.getTimestamp(3);
                    users.add(new ListedUser(rs.getLong(1), rs.getString(2),
                            lastSeen == null ? null : lastSeen.toInstant()));
                }
            }
            return users;
        } catch (SQLException e) {
            throw new IllegalStateException("listing the directory: " + e.getMessage(), e);
        }
    }

    private UserRef upsert(String keycloakId, String username) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement find = c.prepareStatement(FIND)) { // known users burn no sequence value
                find.setString(1, keycloakId);
                try (ResultSet rs = find.executeQuery()) {
                    if (rs.next() && username.equals(rs.getString(2))) {
                        return new UserRef(rs.getLong(1), username);
                    }
                }
            }
            try (PreparedStatement retire = c.prepareStatement(RETIRE_NAME)) {
                retire.setString(1, AppUser.RETIRED_PREFIX);
                retire.setString(2, AppUser.RETIRED_PREFIX);
                retire.setString(3, username);
                retire.setString(4, keycloakId);
                if (retire.executeUpdate() > 0) {
                    Log.info("directory: username of a replaced Keycloak user retired for a new subject");
                }
            }
            try (PreparedStatement upsert = c.prepareStatement(UPSERT)) {
                upsert.setString(1, keycloakId);
                upsert.setString(2, username);
                try (ResultSet rs = upsert.executeQuery()) {
                    rs.next();
                    return new UserRef(rs.getLong(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("provisioning a directory entry: " + e.getMessage(), e);
        }
    }

    private void remember(long userId) {
        if (knownIds.size() >= cacheSize * 10) {
            knownIds.clear();
        }
        knownIds.add(userId);
    }
}
