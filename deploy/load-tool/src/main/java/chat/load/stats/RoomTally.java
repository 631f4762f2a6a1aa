package chat.load.stats;

/**
 * One room's measured figures from one process, summed over processes: messages sent and acked
 * by its senders, members present for the whole measured window, and the distinct measured
 * messages those members received.
 */
public final class RoomTally {

    public long sent;
    public long acked;
    public long stableMembers;
    public long delivered;

    public RoomTally() {
    }

    public RoomTally(long sent, long acked, long stableMembers, long delivered) {
        this.sent = sent;
        this.acked = acked;
        this.stableMembers = stableMembers;
        this.delivered = delivered;
    }

    void add(RoomTally other) {
        sent += other.sent;
        acked += other.acked;
        stableMembers += other.stableMembers;
        delivered += other.delivered;
    }

    /** Deliveries owed: every counted message (acked, or sent when the server does not ack) to every stable member. */
    public long expected(boolean acks) {
        return (acks ? acked : sent) * stableMembers;
    }

    public long lost(boolean acks) {
        return Math.max(0, expected(acks) - delivered);
    }
}
