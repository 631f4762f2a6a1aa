package chat.events.redis;

import java.util.List;

/**
 * The work a {@link StreamConsumer} does on entries. It must be durable when it returns:
 * the consumer acknowledges the entries right after. It must also be idempotent, since an
 * entry whose acknowledgement was lost (a crash in between) is delivered again.
 */
@FunctionalInterface
public interface BatchHandler {

    /**
     * Handles entries in stream order, all or nothing.
     *
     * @throws Exception when they could not be handled; {@link FailureKind} decides what follows
     *         (the consumer then hands the entries over one by one to isolate a bad one)
     */
    void handle(List<StreamEntry> entries) throws Exception;

    /**
     * An entry was moved to the dead-letter stream: the handler may still tell its sender
     * (an {@code error} to the connection), so that no frame goes unanswered. Must not throw.
     */
    default void deadLettered(StreamEntry entry, String reason) {
    }
}
