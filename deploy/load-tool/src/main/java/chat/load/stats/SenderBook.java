package chat.load.stats;

/**
 * The messages one connection sent: when each was sent and whether it was measured and answered,
 * indexed by its number {@code n}. Touched only from its connection's event loop.
 */
public final class SenderBook {

    static final byte UNSENT = 0;
    static final byte SENT_WARMUP = 1;
    static final byte SENT_MEASURED = 2;
    static final byte ANSWERED = 3;

    final int sender;
    final int room;
    private final long[] sentNanos;
    private final byte[] state;
    private int next;

    public SenderBook(int sender, int room, int capacity) {
        this.sender = sender;
        this.room = room;
        this.sentNanos = new long[capacity];
        this.state = new byte[capacity];
    }

    public int sender() {
        return sender;
    }

    /** The number of the next message, or -1 when the planned messages are used up. */
    int take(boolean measured, long nowNanos) {
        if (next >= state.length) {
            return -1;
        }
        int n = next++;
        sentNanos[n] = nowNanos;
        state[n] = measured ? SENT_MEASURED : SENT_WARMUP;
        return n;
    }

    /** Marks message n answered; returns its state before (UNSENT for an unknown or repeated answer). */
    byte answer(int n) {
        if (n < 0 || n >= next || state[n] == ANSWERED || state[n] == UNSENT) {
            return UNSENT;
        }
        byte before = state[n];
        state[n] = ANSWERED;
        return before;
    }

    /** The number of the message taken last. */
    public int lastNumber() {
        return next - 1;
    }

    long sentNanos(int n) {
        return sentNanos[n];
    }
}
