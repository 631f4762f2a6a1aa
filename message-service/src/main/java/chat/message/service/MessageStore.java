package chat.message.service;

import chat.events.RoomNames;
import chat.events.SendMessage;
import chat.message.entity.Message;
import chat.message.entity.PrivateMessage;
import chat.message.entity.StoredMessage;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stores a batch of message commands in one transaction, in a fixed number of statements
 * whatever the batch size: repeats of an earlier command (same room, sender and idempotency
 * key) are found with one query per table, every room's seq counter moves once (gap-free:
 * in the same transaction), ids come from the shared sequence, and each table gets one
 * multi-row INSERT (arrays unnested by PostgreSQL). Plain JDBC on the transaction's connection:
 * the hot path has no use for an entity lifecycle; reads still go through Panache.
 */
@ApplicationScoped
public class MessageStore {

    /** The sequence's INCREMENT BY: each value stands for the block of ids up to it (Hibernate's pooled scheme). */
    static final int ID_BLOCK = 50;

    private static final String COLUMNS = "id, room, seq, user_id, username, text, image_url, audio_url, client_id,"
            + " idempotency_key, image_thumb_url, audio_duration_ms, sent_at";
    private static final String FIND = "SELECT " + COLUMNS + " FROM %s WHERE (room, user_id, idempotency_key) IN"
            + " (SELECT * FROM unnest(?::varchar[], ?::bigint[], ?::varchar[]))";
    private static final String INSERT = "INSERT INTO %s (" + COLUMNS + ") SELECT u.*, ? FROM unnest(?::bigint[],"
            + " ?::varchar[], ?::bigint[], ?::bigint[], ?::varchar[], ?::text[], ?::varchar[], ?::varchar[], ?::varchar[],"
            + " ?::varchar[], ?::varchar[], ?::bigint[]) AS u";
    private static final String NEXT_SEQS = """
            INSERT INTO room_sequence (room, last_seq) SELECT * FROM unnest(?::varchar[], ?::bigint[])
            ON CONFLICT (room) DO UPDATE SET last_seq = room_sequence.last_seq + excluded.last_seq
            RETURNING room, last_seq""";
    private static final String NEXT_IDS = "SELECT nextval('message_id_seq') FROM generate_series(1, ?)";
    private static final String ENSURE_PRIVATE_ROOMS = """
            INSERT INTO private_chat_room (room, user_a, user_b, created_at)
            SELECT u.*, ? FROM unnest(?::varchar[], ?::bigint[], ?::bigint[]) AS u ON CONFLICT DO NOTHING""";

    private final AgroalDataSource dataSource;
    /** Ids of fetched blocks not used yet, shared by the partition threads. */
    private final java.util.ArrayDeque<Long> spareIds = new java.util.ArrayDeque<>();

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
     * Stores the commands (already validated), all or nothing.
     *
     * @return one outcome per command, in command order
     */
    @Transactional
    public List<StoreOutcome> store(List<SendMessage> commands, Instant now) {
        try (Connection db = dataSource.getConnection()) {
            return store(db, commands, now);
        } catch (SQLException e) {
            throw new StoreFailure(e);
        }
    }

    private List<StoreOutcome> store(Connection db, List<SendMessage> commands, Instant now) throws SQLException {
        Map<Key, StoredMessage> known = findExisting(db, commands);
        Map<String, List<StoredMessage>> fresh = new TreeMap<>(); // sorted rooms: the same lock order everywhere
        List<StoreOutcome> outcomes = new ArrayList<>(commands.size());
        for (SendMessage c : commands) {
            Key key = Key.of(c);
            StoredMessage existing = known.get(key);
            if (existing != null) {
                outcomes.add(new StoreOutcome(c, existing, true));
                continue;
            }
            StoredMessage m = newMessage(c, now);
            known.put(key, m);
            fresh.computeIfAbsent(c.room(), r -> new ArrayList<>()).add(m);
            outcomes.add(new StoreOutcome(c, m, false));
        }
        if (fresh.isEmpty()) {
            return outcomes;
        }
        assignSeqs(db, fresh);
        assignIds(db, fresh);
        ensurePrivateRooms(db, fresh.keySet(), now);
        List<StoredMessage> publicRows = new ArrayList<>();
        List<StoredMessage> privateRows = new ArrayList<>();
        fresh.values()
                .forEach(list -> list.forEach(m -> (m instanceof PrivateMessage ? privateRows : publicRows).add(m)));
        insert(db, "message", publicRows, now);
        insert(db, "private_message", privateRows, now);
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

    /** Moves each room's counter once by its number of new messages and numbers them in batch order. */
    private static void assignSeqs(Connection db, Map<String, List<StoredMessage>> fresh) throws SQLException {
        String[] rooms = fresh.keySet().toArray(String[]::new);
        Long[] counts = fresh.values().stream().map(l -> (long) l.size()).toArray(Long[]::new);
        try (PreparedStatement st = db.prepareStatement(NEXT_SEQS)) {
            st.setArray(1, db.createArrayOf("varchar", rooms));
            st.setArray(2, db.createArrayOf("bigint", counts));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    List<StoredMessage> messages = fresh.get(rs.getString(1));
                    long first = rs.getLong(2) - messages.size() + 1;
                    for (int i = 0; i < messages.size(); i++) {
                        messages.get(i).seq = first + i;
                    }
                }
            }
        }
    }

    /**
     * Ids from the shared sequence: each value {@code v} stands for the block {@code v-49 .. v}
     * (at least 1). Ids of a block not used by one batch are kept for the next ones (an id
     * handed out in a transaction that rolls back is simply never used: ids need only be unique).
     */
    private void assignIds(Connection db, Map<String, List<StoredMessage>> fresh) throws SQLException {
        int needed = fresh.values().stream().mapToInt(List::size).sum();
        long[] ids = takeIds(db, needed);
        int next = 0;
        for (List<StoredMessage> messages : fresh.values()) {
            for (StoredMessage m : messages) {
                m.id = ids[next++];
            }
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
        java.util.ArrayDeque<Long> fetched = new java.util.ArrayDeque<>();
        while (have + fetched.size() < needed) {
            int blocks = (needed - have - fetched.size() + ID_BLOCK - 1) / ID_BLOCK;
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

    private static void ensurePrivateRooms(Connection db, Iterable<String> rooms, Instant now) throws SQLException {
        List<String> names = new ArrayList<>();
        List<Long> first = new ArrayList<>();
        List<Long> second = new ArrayList<>();
        for (String room : rooms) {
            RoomNames.parsePrivate(room).ifPresent(pair -> {
                names.add(room);
                first.add(pair.first());
                second.add(pair.second());
            });
        }
        if (names.isEmpty()) {
            return;
        }
        try (PreparedStatement st = db.prepareStatement(ENSURE_PRIVATE_ROOMS)) {
            st.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            st.setArray(2, db.createArrayOf("varchar", names.toArray()));
            st.setArray(3, db.createArrayOf("bigint", first.toArray()));
            st.setArray(4, db.createArrayOf("bigint", second.toArray()));
            st.executeUpdate();
        }
    }

    private static void insert(Connection db, String table, List<StoredMessage> rows, Instant now) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        Object[][] columns = new Object[12][n];
        for (int i = 0; i < n; i++) {
            StoredMessage m = rows.get(i);
            columns[0][i] = m.id;
            columns[1][i] = m.room;
            columns[2][i] = m.seq;
            columns[3][i] = m.userId;
            columns[4][i] = m.username;
            columns[5][i] = m.text;
            columns[6][i] = m.imageUrl;
            columns[7][i] = m.audioUrl;
            columns[8][i] = m.clientId;
            columns[9][i] = m.idempotencyKey;
            columns[10][i] = m.imageThumbUrl;
            columns[11][i] = m.audioDurationMs;
        }
        String[] types = {"bigint", "varchar", "bigint", "bigint", "varchar", "text", "varchar", "varchar", "varchar",
                "varchar",
                "varchar", "bigint"};
        try (PreparedStatement st = db.prepareStatement(String.format(INSERT, table))) {
            st.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            for (int c = 0; c < columns.length; c++) {
                st.setArray(c + 2, db.createArrayOf(types[c], columns[c]));
            }
            st.executeUpdate();
        }
    }

    private static Map<Key, StoredMessage> findExisting(Connection db, List<SendMessage> commands) throws SQLException {
        Map<Key, SendMessage> publicKeys = new LinkedHashMap<>();
        Map<Key, SendMessage> privateKeys = new LinkedHashMap<>();
        for (SendMessage c : commands) {
            (RoomNames.isPrivateLike(c.room()) ? privateKeys : publicKeys).put(Key.of(c), c);
        }
        Map<Key, StoredMessage> found = new HashMap<>();
        find(db, "message", Message::new, publicKeys, found);
        find(db, "private_message", PrivateMessage::new, privateKeys, found);
        return found;
    }

    private static void find(Connection db, String table, java.util.function.Supplier<StoredMessage> kind,
            Map<Key, SendMessage> keys, Map<Key, StoredMessage> found) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        String[] rooms = new String[keys.size()];
        Long[] users = new Long[keys.size()];
        String[] idempotency = new String[keys.size()];
        int i = 0;
        for (Key k : keys.keySet()) {
            rooms[i] = k.room();
            users[i] = k.userId();
            idempotency[i++] = k.idempotencyKey();
        }
        try (PreparedStatement st = db.prepareStatement(String.format(FIND, table))) {
            st.setArray(1, db.createArrayOf("varchar", rooms));
            st.setArray(2, db.createArrayOf("bigint", users));
            st.setArray(3, db.createArrayOf("varchar", idempotency));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    StoredMessage m = kind.get();
                    m.id = rs.getLong("id");
                    m.room = rs.getString("room");
                    m.seq = rs.getLong("seq");
                    m.userId = rs.getLong("user_id");
                    m.username = rs.getString("username");
                    m.text = rs.getString("text");
                    m.imageUrl = rs.getString("image_url");
                    m.audioUrl = rs.getString("audio_url");
                    m.clientId = rs.getString("client_id");
                    m.idempotencyKey = rs.getString("idempotency_key");
                    m.imageThumbUrl = rs.getString("image_thumb_url");
                    m.audioDurationMs = rs.getObject("audio_duration_ms", Long.class);
                    Timestamp sent = rs.getTimestamp("sent_at");
                    m.sentAt = sent.toInstant();
                    found.put(new Key(m.room, m.userId, m.idempotencyKey), m);
                }
            }
        }
    }

    /** A database failure while storing; its cause (an SQLException) tells whether a retry can help. */
    public static final class StoreFailure extends RuntimeException {

        StoreFailure(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
