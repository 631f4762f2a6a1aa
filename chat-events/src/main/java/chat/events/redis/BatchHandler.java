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
     * Handles entries in stream order.
     *
     * @throws chat.events.MalformedEntryException for an entry no retry can handle (only when
     *         called with a single entry); it is then moved to the dead-letter stream
     * @throws Exception on a failure that may pass (database down): the entries are retried
     */
    void handle(List<StreamEntry> entries) throws Exception;
}
