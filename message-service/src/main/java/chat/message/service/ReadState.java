package chat.message.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the other readers of a room have read, for one page of its messages.
 *
 * @param readBySeq how many other readers are at or past each seq of the page
 * @param pointers  the other readers' pointers, most recently moved first (bounded)
 */
public record ReadState(Map<Long, Integer> readBySeq, List<ReadPointer> pointers) {

    /** How many other readers are at or past this seq of the page. */
    public int readBy(long seq) {
        return readBySeq.getOrDefault(seq, 0);
    }

    /**
     * @param sortedSeqs   the page's seqs, ascending, each once
     * @param bucketCounts readers per bucket: bucket {@code i} (1-based) counts the pointers with
     *                     {@code sortedSeqs[i-1] <= seq < sortedSeqs[i]} (the last bucket has no upper end)
     */
    static ReadState fromBuckets(List<Long> sortedSeqs, Map<Integer, Long> bucketCounts, List<ReadPointer> pointers) {
        Map<Long, Integer> readBy = new HashMap<>();
        long atOrPast = 0;
        for (int i = sortedSeqs.size(); i >= 1; i--) {
            atOrPast += bucketCounts.getOrDefault(i, 0L);
            readBy.put(sortedSeqs.get(i - 1), (int) atOrPast);
        }
        return new ReadState(readBy, pointers);
    }
}
