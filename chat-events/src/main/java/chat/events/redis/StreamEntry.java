package chat.events.redis;

import java.util.Map;

/**
 * One entry read from a stream.
 *
 * @param id          the entry id
 * @param fields      the entry's fields
 * @param redelivered true when the entry was delivered before (read back from the pending list
 *                    or claimed from a dead consumer): its work may be done already, and what it
 *                    announced may not have gone out
 */
public record StreamEntry(String id, Map<String, String> fields, boolean redelivered) {

    public StreamEntry(String id, Map<String, String> fields) {
        this(id, fields, false);
    }
}
