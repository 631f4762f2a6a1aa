package chat.message.service;

import chat.events.RoomNames;
import chat.events.SendMessage;
import chat.message.entity.Message;
import chat.message.entity.PrivateMessage;
import chat.message.entity.StoredMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Stores a batch of message commands in one transaction: repeats of an earlier command (same
 * room, sender and idempotency key) are found, every new message gets the next seq of its
 * room (gap-free: taken in the same transaction) and the rows are inserted in JDBC batches.
 */
@ApplicationScoped
public class MessageStore {

    private static final String NEXT_SEQ = """
            INSERT INTO room_sequence (room, last_seq) VALUES (?1, ?2)
            ON CONFLICT (room) DO UPDATE SET last_seq = room_sequence.last_seq + excluded.last_seq
            RETURNING last_seq""";
    private static final String ENSURE_PRIVATE_ROOM = """
            INSERT INTO private_chat_room (room, user_a, user_b, created_at) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT DO NOTHING""";

    private final EntityManager em;

    public MessageStore(EntityManager em) {
        this.em = em;
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
        Map<Key, StoredMessage> known = findExisting(commands);
        Map<String, List<StoredMessage>> fresh = new TreeMap<>(); // sorted rooms: same lock order in every instance
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
        for (Map.Entry<String, List<StoredMessage>> room : fresh.entrySet()) {
            List<StoredMessage> messages = room.getValue();
            long first = reserveSeqs(room.getKey(), messages.size()) - messages.size() + 1;
            for (int i = 0; i < messages.size(); i++) {
                messages.get(i).seq = first + i;
            }
            RoomNames.parsePrivate(room.getKey()).ifPresent(pair -> ensurePrivateRoom(room.getKey(), pair, now));
        }
        // one entity type after the other, so that the JDBC batches are not broken up
        fresh.values().stream().flatMap(List::stream).filter(Message.class::isInstance).forEach(em::persist);
        fresh.values().stream().flatMap(List::stream).filter(PrivateMessage.class::isInstance).forEach(em::persist);
        em.flush();
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

    /** Advances the room's counter by {@code count}; returns the last seq reserved. */
    private long reserveSeqs(String room, int count) {
        Object last = em.createNativeQuery(NEXT_SEQ).setParameter(1, room).setParameter(2, (long) count).getSingleResult();
        return ((Number) last).longValue();
    }

    private void ensurePrivateRoom(String room, RoomNames.PrivatePair pair, Instant now) {
        em.createNativeQuery(ENSURE_PRIVATE_ROOM).setParameter(1, room).setParameter(2, pair.first())
                .setParameter(3, pair.second()).setParameter(4, now).executeUpdate();
    }

    private Map<Key, StoredMessage> findExisting(List<SendMessage> commands) {
        Map<Key, StoredMessage> found = new HashMap<>();
        Set<Key> publicKeys = new LinkedHashSet<>();
        Set<Key> privateKeys = new LinkedHashSet<>();
        for (SendMessage c : commands) {
            (RoomNames.isPrivateLike(c.room()) ? privateKeys : publicKeys).add(Key.of(c));
        }
        find("message", Message.class, publicKeys, found);
        find("private_message", PrivateMessage.class, privateKeys, found);
        return found;
    }

    private void find(String table, Class<? extends StoredMessage> type, Set<Key> keys, Map<Key, StoredMessage> found) {
        if (keys.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(table)
                .append(" WHERE (room, user_id, idempotency_key) IN (");
        int p = 1;
        for (int i = 0; i < keys.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?").append(p++).append(", ?").append(p++).append(", ?").append(p++).append(')');
        }
        Query query = em.createNativeQuery(sql.append(')').toString(), type);
        p = 1;
        for (Key k : keys) {
            query.setParameter(p++, k.room()).setParameter(p++, k.userId()).setParameter(p++, k.idempotencyKey());
        }
        for (Object row : query.getResultList()) {
            StoredMessage m = (StoredMessage) row;
            found.put(new Key(m.room, m.userId, m.idempotencyKey), m);
        }
    }
}
