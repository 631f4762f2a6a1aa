package chat.message.service;

import chat.events.MarkRead;
import chat.events.RoomNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/** Read pointers: how far each user has read each room; they only ever move forward. */
@ApplicationScoped
public class ReadReceipts {

    private static final String MOVE = """
            INSERT INTO read_pointer (room, user_id, last_read_message_id, last_read_seq, updated_at, username)
            VALUES (?1, ?2, ?3, ?4, now(), ?5)
            ON CONFLICT (room, user_id) DO UPDATE
            SET last_read_message_id = excluded.last_read_message_id, last_read_seq = excluded.last_read_seq,
                updated_at = now(), username = excluded.username
            WHERE read_pointer.last_read_seq < excluded.last_read_seq""";

    /** What became of one read receipt. */
    public enum Result {
        /** The pointer moved forward: announce it. */
        MOVED,
        /** The pointer was already there or beyond. */
        UNCHANGED,
        /** No such message in this room. */
        UNKNOWN_MESSAGE
    }

    private final EntityManager em;

    public ReadReceipts(EntityManager em) {
        this.em = em;
    }

    /** Moves the pointers of the (validated) commands, all in one transaction; one result per command. */
    @Transactional
    public List<Result> markAll(List<MarkRead> commands) {
        List<Result> results = new ArrayList<>(commands.size());
        for (MarkRead c : commands) {
            String table = RoomNames.isPrivateLike(c.room()) ? "private_message" : "message";
            List<?> seq = em.createNativeQuery("SELECT seq FROM " + table + " WHERE id = ?1 AND room = ?2")
                    .setParameter(1, c.messageId()).setParameter(2, c.room()).getResultList();
            if (seq.isEmpty()) {
                results.add(Result.UNKNOWN_MESSAGE);
                continue;
            }
            int moved = em.createNativeQuery(MOVE).setParameter(1, c.room()).setParameter(2, c.userId())
                    .setParameter(3, c.messageId()).setParameter(4, ((Number) seq.get(0)).longValue())
                    .setParameter(5, c.username()).executeUpdate();
            results.add(moved == 1 ? Result.MOVED : Result.UNCHANGED);
        }
        return results;
    }
}
