package chat.events.redis;

import java.util.Map;

/**
 * One entry read from a stream.
 *
 * @param id     the entry id Redis assigned
 * @param fields the entry's fields
 */
public record StreamEntry(String id, Map<String, String> fields) {
}
