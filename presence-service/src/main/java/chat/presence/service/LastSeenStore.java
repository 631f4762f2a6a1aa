package chat.presence.service;

import chat.presence.config.PresenceConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Durable last-seen times (PostgreSQL {@code user_last_seen}); a time never moves back. */
@ApplicationScoped
public class LastSeenStore {

    private static final String UPSERT = """
            INSERT INTO user_last_seen (user_id, username, last_seen) VALUES (?, ?, ?)
            ON CONFLICT (user_id) DO UPDATE
            SET username = EXCLUDED.username, last_seen = GREATEST(user_last_seen.last_seen, EXCLUDED.last_seen)""";

    /** The database's clock, less the margin: rows written from then on are handed out by the next read. */
    private static final String CURSOR = "SELECT now() - make_interval(secs => ?)";
    private static final String SINCE = "SELECT user_id, last_seen FROM user_last_seen WHERE recorded_at >= ?";
    private static final String ALL = "SELECT user_id, last_seen FROM user_last_seen";

    private final AgroalDataSource dataSource;
    private final Duration cursorMargin;

    public LastSeenStore(AgroalDataSource dataSource, PresenceConfig config) {
        this.dataSource = dataSource;
        this.cursorMargin = config.lastSeenCursorMargin();
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

    /**
     * The last-seen times written since {@code cursor} (every one without a cursor), read as plain
     * columns, with the cursor of the next read. The cursor is taken before the rows and reaches
     * back by the configured margin, so a row committed just after this read is in the next one;
     * some rows come twice, which a reader that keeps the latest time does not mind.
     */
    public LastSeenChanges changedSince(Optional<Instant> cursor) {
        try (Connection c = dataSource.getConnection()) {
            Instant next;
            try (PreparedStatement now = c.prepareStatement(CURSOR)) {
                now.setDouble(1, cursorMargin.toMillis() / 1000.0);
                try (ResultSet rs = now.executeQuery()) {
                    rs.next();
                    next = rs.getTimestamp(1).toInstant();
                }
            }
            try (PreparedStatement read = c.prepareStatement(cursor.isPresent() ? SINCE : ALL)) {
                if (cursor.isPresent()) {
                    read.setTimestamp(1, Timestamp.from(cursor.get()));
                }
                read.setFetchSize(5000);
                List<LastSeen> changes = new ArrayList<>();
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        changes.add(new LastSeen(rs.getLong(1), rs.getTimestamp(2).toInstant()));
                    }
                }
                return new LastSeenChanges(changes, next);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading last seen: " + e.getMessage(), e);
        }
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
