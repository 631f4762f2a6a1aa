package chat.presence.service;

import chat.presence.entity.UserLastSeen;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Durable last-seen times (PostgreSQL {@code user_last_seen}); a time never moves back. */
@ApplicationScoped
public class LastSeenStore {

    private static final String UPSERT = """
            INSERT INTO user_last_seen (user_id, username, last_seen) VALUES (?, ?, ?)
            ON CONFLICT (user_id) DO UPDATE
            SET username = EXCLUDED.username, last_seen = GREATEST(user_last_seen.last_seen, EXCLUDED.last_seen)""";

    private final AgroalDataSource dataSource;

    public LastSeenStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records that these users were seen at {@code at}. Presence keeps working when the database
     * is away: a failure is logged, not thrown.
     */
    public void seen(Collection<OnlineUser> users, Instant at) {
        if (users.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> upsert(users, at));
        } catch (RuntimeException e) {
            Log.warnf("last seen of %d users not recorded: %s", users.size(), e.getMessage());
        }
    }

    /** Every user ever seen. */
    public List<UserLastSeen> all() {
        return UserLastSeen.listAll();
    }

    private void upsert(Collection<OnlineUser> users, Instant at) {
        try (Connection c = dataSource.getConnection(); PreparedStatement upsert = c.prepareStatement(UPSERT)) {
            Timestamp time = Timestamp.from(at);
            Map<Long, OnlineUser> byId = new TreeMap<>(); // one row each, in id order: no deadlock between writers
            for (OnlineUser user : users) {
                byId.put(user.userId(), user);
            }
            for (OnlineUser user : byId.values()) {
                upsert.setLong(1, user.userId());
                upsert.setString(2, user.username());
                upsert.setTimestamp(3, time);
                upsert.addBatch();
            }
            upsert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
