package chat.events.redis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one consumer is doing: up, or down with the reason (stopped, a dependency away, leases
 * unavailable), and its lag in entries.
 */
public record ConsumerHealth(String name, boolean up, String reason, long lag, Map<String, String> data) {

    public static ConsumerHealth up(String name, long lag) {
        return new ConsumerHealth(name, true, null, lag, Map.of());
    }

    public static ConsumerHealth down(String name, String reason) {
        return new ConsumerHealth(name, false, reason, 0, Map.of());
    }

    /** The same, with one more detail. */
    public ConsumerHealth with(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(data);
        more.put(key, value);
        return new ConsumerHealth(name, up, reason, lag, Map.copyOf(more));
    }
}
