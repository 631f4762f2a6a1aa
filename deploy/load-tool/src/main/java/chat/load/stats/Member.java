package chat.load.stats;

/** A connection as the accounting sees it: its room, when it was open, and what it received. */
public interface Member {

    int room();

    /** True when the connection was open from before {@code fromNanos} until after {@code toNanos}. */
    boolean openThroughout(long fromNanos, long toNanos);

    ReceiverBook received();
}
