package chat.auth.service;

import chat.auth.client.LastSeenChange;
import chat.auth.client.PresenceClient;
import chat.auth.client.PresenceSnapshot;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps {@code app_user.last_seen} up with presence-service: each call asks who is online and for
 * the last-seen times written since the cursor, writes those with the new cursor (one statement
 * each), and hands both to the directory. The cursor lives in {@code presence_cursor}, so a
 * restart does not read every user's time again.
 */
@ApplicationScoped
public class LastSeenSync {

    /** Who is online now and the newer last-seen times learnt by this call. */
    public record Presence(Set<Long> online, Map<Long, Instant> lastSeen) {

        /** What is known while presence-service is away: nobody online, nothing new. */
        static final Presence UNKNOWN = new Presence(Set.of(), Map.of());
    }

    /** One statement for all the changes, each applied only when it is newer (a time never moves back). */
    private static final String TOUCH = """
            UPDATE app_user u SET last_seen = v.seen
            FROM unnest(?::bigint[], ?::text[]::timestamptz[]) AS v(id, seen)
            WHERE u.user_id = v.id AND (u.last_seen IS NULL OR u.last_seen < v.seen)""";
    private static final String SAVE_CURSOR = """
            INSERT INTO presence_cursor (id, cursor) VALUES (1, ?)
            ON CONFLICT (id) DO UPDATE SET cursor = GREATEST(presence_cursor.cursor, EXCLUDED.cursor)""";
    private static final String LOAD_CURSOR = "SELECT cursor FROM presence_cursor WHERE id = 1";

    private final PresenceClient presence;
    private final AgroalDataSource dataSource;
    private final AtomicReference<Optional<Instant>> cursor = new AtomicReference<>();

    public LastSeenSync(PresenceClient presence, AgroalDataSource dataSource) {
        this.presence = presence;
        this.dataSource = dataSource;
    }

    /**
     * Who is online and what changed since the last call, written down first. A failed write
     * leaves the cursor where it was, so the same changes come again next call.
     */
    public Presence pull() {
        Optional<PresenceSnapshot> answer = presence.snapshot(cursor());
        if (answer.isEmpty()) {
            return Presence.UNKNOWN;
        }
        PresenceSnapshot snapshot = answer.get();
        Map<Long, Instant> changes = new HashMap<>(snapshot.lastSeen().size() * 2);
        for (LastSeenChange change : snapshot.lastSeen()) {
            changes.merge(change.userId(), change.lastSeen(), (a, b) -> a.isAfter(b) ? a : b);
        }
        try {
            if (!changes.isEmpty() && snapshot.cursor() != null) {
                QuarkusTransaction.requiringNew().run(() -> write(changes, snapshot.cursor()));
            }
            if (snapshot.cursor() != null) {
                cursor.accumulateAndGet(Optional.of(snapshot.cursor()), LastSeenSync::later);
            }
        } catch (RuntimeException e) {
            Log.warnf("directory: %d last-seen times not recorded, asked again next time: %s", changes.size(),
                    e.getMessage());
        }
        return new Presence(new HashSet<>(snapshot.online()), changes);
    }

    private Optional<Instant> cursor() {
        Optional<Instant> known = cursor.get();
        if (known == null) {
            known = load();
            cursor.compareAndSet(null, known);
        }
        return known;
    }

    private Optional<Instant> load() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement load = c.prepareStatement(LOAD_CURSOR);
                ResultSet rs = load.executeQuery()) {
            return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
        } catch (SQLException e) {
            Log.warnf("directory: presence cursor not read, every last-seen time is asked for: %s", e.getMessage());
            return Optional.empty();
        }
    }

    private void write(Map<Long, Instant> changes, Instant next) {
        List<Map.Entry<Long, Instant>> sorted = changes.entrySet().stream()
                .sorted(Comparator.comparingLong(Map.Entry::getKey)).toList(); // rows in id order: no deadlock between instances
        Long[] ids = new Long[sorted.size()];
        String[] times = new String[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            ids[i] = sorted.get(i).getKey();
            times[i] = sorted.get(i).getValue().toString();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement touch = c.prepareStatement(TOUCH);
                PreparedStatement save = c.prepareStatement(SAVE_CURSOR)) {
            touch.setArray(1, c.createArrayOf("bigint", ids));
            touch.setArray(2, c.createArrayOf("text", times));
            touch.executeUpdate();
            save.setTimestamp(1, Timestamp.from(next));
            save.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("recording last seen: " + e.getMessage(), e);
        }
    }

    private static Optional<Instant> later(Optional<Instant> a, Optional<Instant> b) {
        if (a == null || a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().isAfter(a.get()) ? b : a;
    }
}
