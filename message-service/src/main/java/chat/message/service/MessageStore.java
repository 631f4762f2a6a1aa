package chat.message.service;

import chat.events.RoomNames;
import chat.events.SendMessage;
import chat.message.entity.Message;
import chat.message.entity.PrivateMessage;
import chat.message.entity.StoredMessage;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores a batch of message commands in one SQL statement, one database round trip whatever the
 * batch size: the statement finds repeats of an earlier command (same room, sender and
 * idempotency key), moves every room's seq counter once and numbers the room's new messages
 * gap-free in batch order, creates missing private rooms and inserts each table's rows, all or
 * nothing (one statement in autocommit is one transaction). The batch's fixed cost is what
 * limited ingest: on this kind of host every round trip is two thread wake-ups here and one in
 * PostgreSQL, and the earlier transaction took six of them. Ids are handed out here from blocks
 * of the shared sequence, so that rows can be inserted with their id known. Reads still go
 * through Panache.
 */
@ApplicationScoped
public class MessageStore {

    /** The sequence's INCREMENT BY: each value stands for the block of ids up to it (Hibernate's pooled scheme). */
    static final int ID_BLOCK = 50;
    /** Blocks fetched at least per round trip for ids, so that a busy store rarely needs one. */
    static final int MIN_BLOCKS_FETCHED = 10;

    private static final String NEXT_IDS = "SELECT nextval('message_id_seq') FROM generate_series(1, ?)";

    /**
     * The store statement. Parameters: the batch's columns as arrays (one element per distinct
     * command, in batch order), then the time stored twice. Returns one row per command: its
     * position, id, seq, whether it repeated a stored message and, for repeats, the stored columns.
     * The room counters are locked in room order (the same order in every statement: no deadlock);
     * private rows' foreign key is checked at the statement's end, when the room row exists.
     */
    private static final String STORE = """
            WITH input AS (
                SELECT * FROM unnest(?::bigint[], ?::varchar[], ?::bigint[], ?::varchar[], ?::text[],
                    ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[],
                    ?::boolean[], ?::bigint[], ?::bigint[]) WITH ORDINALITY
                    AS i(id, room, user_id, username, text, image_url, audio_url, client_id,
                         idempotency_key, image_thumb_url, audio_duration_ms, in_private, user_a, user_b, ord)
            ), existing AS (
                SELECT i.ord, m.id, m.seq, m.username, m.text, m.image_url, m.audio_url, m.client_id,
                       m.image_thumb_url, m.audio_duration_ms, m.sent_at
                FROM input i JOIN message m
                    ON (m.room, m.user_id, m.idempotency_key) = (i.room, i.user_id, i.idempotency_key)
                WHERE NOT i.in_private
                UNION ALL
                SELECT i.ord, m.id, m.seq, m.username, m.text, m.image_url, m.audio_url, m.client_id,
                       m.image_thumb_url, m.audio_duration_ms, m.sent_at
                FROM input i JOIN private_message m
                    ON (m.room, m.user_id, m.idempotency_key) = (i.room, i.user_id, i.idempotency_key)
                WHERE i.in_private
            ), fresh AS (
                SELECT * FROM input i WHERE NOT EXISTS (SELECT 1 FROM existing e WHERE e.ord = i.ord)
            ), counters AS (
                INSERT INTO room_sequence (room, last_seq)
                SELECT room, count(*) FROM fresh GROUP BY room ORDER BY room
                ON CONFLICT (room) DO UPDATE SET last_seq = room_sequence.last_seq + excluded.last_seq
                RETURNING room, last_seq
            ), numbered AS (
                SELECT f.*, c.last_seq - count(*) OVER per_room + row_number() OVER (per_room ORDER BY f.ord) AS seq
                FROM fresh f JOIN counters c USING (room)
                WINDOW per_room AS (PARTITION BY f.room)
            ), private_rooms AS (
                INSERT INTO private_chat_room (room, user_a, user_b, created_at)
                SELECT DISTINCT room, user_a, user_b, ?::timestamptz FROM numbered WHERE user_a IS NOT NULL
                ON CONFLICT DO NOTHING
            ), public_rows AS (
                INSERT INTO message (id, room, seq, user_id, username, text, image_url, audio_url, client_id,
                                     idempotency_key, image_thumb_url, audio_duration_ms, sent_at)
                SELECT id, room, seq, user_id, username, text, image_url, audio_url, client_id,
                       idempotency_key, image_thumb_url, audio_duration_ms, ?::timestamptz
                FROM numbered WHERE NOT in_private
            ), private_rows AS (
                INSERT INTO private_message (id, room, seq, user_id, username, text, image_url, audio_url,
                                             client_id, idempotency_key, image_thumb_url, audio_duration_ms, sent_at)
                SELECT id, room, seq, user_id, username, text, image_url, audio_url, client_id,
                       idempotency_key, image_thumb_url, audio_duration_ms, ?::timestamptz
                FROM numbered WHERE in_private
            )
            SELECT ord, id, seq, false AS repeat, NULL AS username, NULL AS text, NULL AS image_url,
                   NULL AS audio_url, NULL AS client_id, NULL AS image_thumb_url,
                   NULL::bigint AS audio_duration_ms, NULL::timestamptz AS sent_at
            FROM numbered
            UNION ALL
            SELECT ord, id, seq, true, username, text, image_url, audio_url, client_id, image_thumb_url,
                   audio_duration_ms, sent_at
            FROM existing""";

    private static final String[] COLUMN_TYPES = {"bigint", "varchar", "bigint", "varchar", "text", "varchar",
            "varchar", "varchar", "varchar", "varchar", "bigint", "boolean", "bigint", "bigint"};

    private final AgroalDataSource dataSource;
    /** Ids of fetched blocks not used yet, shared by the partition threads. */
    private final ArrayDeque<Long> spareIds = new ArrayDeque<>();

    public MessageStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Identity of a message for deduplication. */
    private record Key(String room, long userId, String idempotencyKey) {

        static Key of(SendMessage c) {
            return new Key(c.room(), c.userId(), c.idempotencyKey());
        }
    }

    /**
     * Stores the commands (already validated), all or nothing. Runs outside any transaction of
     * the caller: the one statement is its own.
     *
     * @return one outcome per command, in command order
     */
    public List<StoreOutcome> store(List<SendMessage> commands, Instant now) {
        // a command repeated within the batch is a repeat of the batch's first one with its key
        Map<Key, Integer> firstOf = new HashMap<>();
        List<StoredMessage> distinct = new ArrayList<>();
        int[] messageOf = new int[commands.size()];
        for (int i = 0; i < commands.size(); i++) {
            SendMessage c = commands.get(i);
            Integer first = firstOf.putIfAbsent(Key.of(c), distinct.size());
            if (first == null) {
                messageOf[i] = distinct.size();
                distinct.add(newMessage(c, now));
            } else {
                messageOf[i] = first;
            }
        }
        boolean[] repeat = new boolean[distinct.size()];
        try (Connection db = dataSource.getConnection()) {
            assignIds(db, distinct);
            store(db, distinct, repeat, now);
        } catch (SQLException e) {
            throw new StoreFailure(e);
        }
        List<StoreOutcome> outcomes = new ArrayList<>(commands.size());
        boolean[] seen = new boolean[distinct.size()];
        for (int i = 0; i < commands.size(); i++) {
            int m = messageOf[i];
            outcomes.add(new StoreOutcome(commands.get(i), distinct.get(m), repeat[m] || seen[m]));
            seen[m] = true;
        }
        return outcomes;
    }

    private static StoredMessage newMessage(SendMessage c, Instant now) {
        StoredMessage m = RoomNames.isPrivateLike(c.room()) ? new PrivateMessage() : new Message();
        m.room = c.room();
        m.userId = c.userId();
        m.username = c.username();
        m.text = c.text() == null ? "" : c.text();
        m.imageUrl = c.imageUrl();
        m.audioUrl = c.audioUrl();
        m.imageThumbUrl = c.imageThumbUrl();
        m.audioDurationMs = c.audioDurationMs();
        m.clientId = c.clientId();
        m.idempotencyKey = c.idempotencyKey();
        m.sentAt = now;
        return m;
    }

    /** Runs the store statement; fills in each message's seq (and a repeat's stored columns). */
    private static void store(Connection db, List<StoredMessage> messages, boolean[] repeat, Instant now)
            throws SQLException {
        int n = messages.size();
        Object[][] columns = new Object[COLUMN_TYPES.length][n];
        for (int i = 0; i < n; i++) {
            StoredMessage m = messages.get(i);
            Optional<RoomNames.PrivatePair> pair = m instanceof PrivateMessage
                    ? RoomNames.parsePrivate(m.room)
                    : Optional.empty();
            Object[] row = {m.id, m.room, m.userId, m.username, m.text, m.imageUrl, m.audioUrl, m.clientId,
                    m.idempotencyKey, m.imageThumbUrl, m.audioDurationMs, m instanceof PrivateMessage,
                    pair.map(RoomNames.PrivatePair::first).orElse(null),
                    pair.map(RoomNames.PrivatePair::second).orElse(null)};
            for (int c = 0; c < row.length; c++) {
                columns[c][i] = row[c];
            }
        }
        try (PreparedStatement st = db.prepareStatement(STORE)) {
            for (int c = 0; c < columns.length; c++) {
                st.setArray(c + 1, db.createArrayOf(COLUMN_TYPES[c], columns[c]));
            }
            OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
            for (int p = columns.length + 1; p <= columns.length + 3; p++) {
                st.setObject(p, at);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int i = rs.getInt("ord") - 1;
                    StoredMessage m = messages.get(i);
                    m.seq = rs.getLong("seq");
                    if (rs.getBoolean("repeat")) {
                        repeat[i] = true;
                        readStored(rs, m);
                    }
                }
            }
        }
    }

    /** The columns of the message stored earlier under a repeat's key (what its announcement must carry). */
    private static void readStored(ResultSet rs, StoredMessage m) throws SQLException {
        m.id = rs.getLong("id");
        m.username = rs.getString("username");
        m.text = rs.getString("text");
        m.imageUrl = rs.getString("image_url");
        m.audioUrl = rs.getString("audio_url");
        m.clientId = rs.getString("client_id");
        m.imageThumbUrl = rs.getString("image_thumb_url");
        m.audioDurationMs = rs.getObject("audio_duration_ms", Long.class);
        m.sentAt = rs.getObject("sent_at", OffsetDateTime.class).toInstant();
    }

    /**
     * Ids from the shared sequence: each value {@code v} stands for the block {@code v-49 .. v}
     * (at least 1). Ids of a block not used by one batch are kept for the next ones (an id
     * handed out for a batch that fails, or for a repeat, is simply never used: ids need only be unique).
     */
    private void assignIds(Connection db, List<StoredMessage> messages) throws SQLException {
        long[] ids = takeIds(db, messages.size());
        for (int i = 0; i < ids.length; i++) {
            messages.get(i).id = ids[i];
        }
    }

    private long[] takeIds(Connection db, int needed) throws SQLException {
        long[] ids = new long[needed];
        int have = 0;
        synchronized (spareIds) {
            while (have < needed && !spareIds.isEmpty()) {
                ids[have++] = spareIds.pollFirst();
            }
        }
        if (have == needed) {
            return ids;
        }
        ArrayDeque<Long> fetched = new ArrayDeque<>();
        while (have + fetched.size() < needed) { // the sequence's first block holds a single id
            int blocks = Math.max(MIN_BLOCKS_FETCHED, (needed - have - fetched.size() + ID_BLOCK - 1) / ID_BLOCK);
            try (PreparedStatement st = db.prepareStatement(NEXT_IDS)) {
                st.setInt(1, blocks);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        long high = rs.getLong(1);
                        for (long id = Math.max(1, high - ID_BLOCK + 1); id <= high; id++) {
                            fetched.add(id);
                        }
                    }
                }
            }
        }
        while (have < needed) {
            ids[have++] = fetched.pollFirst();
        }
        synchronized (spareIds) {
            spareIds.addAll(fetched);
        }
        return ids;
    }

    /** A database failure while storing; its cause (an SQLException) tells whether a retry can help. */
    public static final class StoreFailure extends RuntimeException {

        StoreFailure(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
