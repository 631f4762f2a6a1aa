package chat.message.service;

import chat.message.entity.Message;
import chat.message.entity.PrivateMessage;
import chat.message.entity.StoredMessage;
import chat.message.frames.MessageFrames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's conversations: the rooms they have read in (read pointers) and their private rooms,
 * each with its newest message and how many messages of others came after their read pointer;
 * newest activity first.
 */
@ApplicationScoped
public class ConversationService {

    /** Unread counts stop here (a client shows "99+"); counting further costs and tells nothing. */
    public static final int MAX_UNREAD = 100;
    /** Most conversations in one answer. */
    public static final int MAX_CONVERSATIONS = 200;

    // One row per room: the caller's read seq, the newest message's id and time, the unread count.
    // Every lookup is an index scan: read_pointer by user, private_chat_room by either member,
    // messages by (room, seq); the unread count is bounded by MAX_UNREAD.
    private static final String QUERY = """
            WITH mine AS (
                SELECT room, last_read_seq AS read_seq FROM read_pointer WHERE user_id = ?1
                UNION ALL
                SELECT room, 0 FROM private_chat_room WHERE user_a = ?1
                UNION ALL
                SELECT room, 0 FROM private_chat_room WHERE user_b = ?1
            ), rooms AS (
                SELECT room, max(read_seq) AS read_seq FROM mine GROUP BY room
            )
            SELECT r.room, r.read_seq, newest.id, newest.private, unread.n
            FROM rooms r
            LEFT JOIN LATERAL (
                (SELECT id, sent_at, false AS private FROM message WHERE room = r.room ORDER BY seq DESC LIMIT 1)
                UNION ALL
                (SELECT id, sent_at, true FROM private_message WHERE room = r.room ORDER BY seq DESC LIMIT 1)
            ) newest ON true
            CROSS JOIN LATERAL (SELECT count(*) AS n FROM (
                (SELECT 1 FROM message WHERE room = r.room AND seq > r.read_seq AND user_id <> ?1 LIMIT ?2)
                UNION ALL
                (SELECT 1 FROM private_message WHERE room = r.room AND seq > r.read_seq AND user_id <> ?1 LIMIT ?2)
            ) later) unread
            ORDER BY newest.sent_at DESC NULLS LAST, r.room
            LIMIT ?3""";

    private final EntityManager em;

    public ConversationService(EntityManager em) {
        this.em = em;
    }

    /** The conversations of this user, newest activity first. */
    public List<Conversation> of(long userId) {
        List<?> rows = em.createNativeQuery(QUERY).setParameter(1, userId).setParameter(2, MAX_UNREAD)
                .setParameter(3, MAX_CONVERSATIONS).getResultList();
        List<Long> publicIds = new ArrayList<>();
        List<Long> privateIds = new ArrayList<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            if (r[2] != null) {
                (Boolean.TRUE.equals(r[3]) ? privateIds : publicIds).add(((Number) r[2]).longValue());
            }
        }
        Map<Long, StoredMessage> newest = new HashMap<>();
        if (!publicIds.isEmpty()) {
            Message.<Message>list("id in ?1", publicIds).forEach(m -> newest.put(m.id, m));
        }
        if (!privateIds.isEmpty()) {
            PrivateMessage.<PrivateMessage>list("id in ?1", privateIds).forEach(m -> newest.put(m.id, m));
        }
        List<Conversation> conversations = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            StoredMessage message = r[2] == null ? null : newest.get(((Number) r[2]).longValue());
            conversations
                    .add(new Conversation((String) r[0], message == null ? null : MessageFrames.chatMessage(message),
                            ((Number) r[4]).intValue(), ((Number) r[1]).longValue()));
        }
        return conversations;
    }
}
