package chat.load.stats;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * What one connection received: each (sender, n) once (a second copy is a duplicate), and the
 * room's {@code seq} only going up (or, from a server without {@code seq}, each sender's {@code n}).
 * Touched only from its connection's event loop.
 */
public final class ReceiverBook {

    /** How a delivery counts. */
    public enum Verdict {
        IN_ORDER, OUT_OF_ORDER, DUPLICATE
    }

    private final Map<Integer, BitSet> seen = new HashMap<>();
    private final Map<Integer, Integer> lastNBySender = new HashMap<>();
    private long lastSeq = -1;
    private long measuredDeliveries;

    /** Records a delivery; {@code seq} is negative when the server sends none. */
    public Verdict deliver(int sender, int n, long seq, boolean measured) {
        BitSet bits = seen.computeIfAbsent(sender, s -> new BitSet());
        if (bits.get(n)) {
            return Verdict.DUPLICATE;
        }
        bits.set(n);
        if (measured) {
            measuredDeliveries++;
        }
        boolean backwards;
        if (seq >= 0) {
            backwards = seq <= lastSeq;
            lastSeq = Math.max(lastSeq, seq);
        } else {
            Integer last = lastNBySender.get(sender);
            backwards = last != null && n < last;
            if (!backwards) {
                lastNBySender.put(sender, n);
            }
        }
        return backwards ? Verdict.OUT_OF_ORDER : Verdict.IN_ORDER;
    }

    /** Distinct measured messages this connection received. */
    public long measuredDeliveries() {
        return measuredDeliveries;
    }
}
