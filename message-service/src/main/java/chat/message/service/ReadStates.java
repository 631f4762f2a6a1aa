package chat.message.service;

import chat.message.config.MessageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the read state of a page of messages in one query: the other readers' most recent
 * pointers, and how many other readers are at or past each seq of the page (pointers are
 * counted in buckets between the page's seqs, so the answer has at most one row per message).
 */
@ApplicationScoped
public class ReadStates {

    private static final String OTHERS = "room = ?1 AND user_id <> ?2 AND username IS DISTINCT FROM ?3";
    private static final String QUERY = """
            SELECT 'pointer' AS kind, user_id, username, last_read_message_id, last_read_seq FROM (
                SELECT user_id, username, last_read_message_id, last_read_seq FROM read_pointer
                WHERE %1$s ORDER BY updated_at DESC, user_id LIMIT ?4) recent
            UNION ALL
            SELECT 'bucket', width_bucket(last_read_seq, CAST(?5 AS bigint[])), NULL, NULL, count(*) FROM read_pointer
            WHERE %1$s AND last_read_seq >= ?6 GROUP BY 2""".formatted(OTHERS);

    private final EntityManager em;
    private final int maxPointers;

    public ReadStates(EntityManager em, MessageConfig config) {
        this.em = em;
        this.maxPointers = config.maxReadPointers();
    }

    /** The read state of the room's messages with these seqs, as the reader sees it (their own pointer left out). */
    public ReadState of(String room, Reader reader, Collection<Long> seqs) {
        List<Long> sorted = seqs.stream().distinct().sorted().toList();
        String array = sorted.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
        long first = sorted.isEmpty() ? Long.MAX_VALUE : sorted.get(0);
        List<?> rows = em.createNativeQuery(QUERY).setParameter(1, room).setParameter(2, reader.userId())
                .setParameter(3, reader.username()).setParameter(4, maxPointers).setParameter(5, array)
                .setParameter(6, first).getResultList();
        List<ReadPointer> pointers = new ArrayList<>();
        Map<Integer, Long> buckets = new HashMap<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            if ("pointer".equals(r[0])) {
                pointers.add(new ReadPointer(number(r[1]), (String) r[2], number(r[3]), number(r[4])));
            } else {
                buckets.put((int) number(r[1]), number(r[4]));
            }
        }
        return ReadState.fromBuckets(sorted, buckets, pointers);
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
