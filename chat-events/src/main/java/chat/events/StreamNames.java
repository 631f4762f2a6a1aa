package chat.events;

/**
 * The one place where the Redis Stream keys of the system are named.
 *
 * <p>Every key starts with a prefix (default {@code chat}) so that several deployments, or
 * several integration tests, can share one Redis without seeing each other's entries.
 * The middle part is a hash tag so that, under Redis Cluster, every stream of one kind
 * lives in one slot.
 */
public record StreamNames(String prefix) {

    public static final String DEFAULT_PREFIX = "chat";

    public StreamNames {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("stream prefix must not be blank");
        }
    }

    /** Message commands (text messages, read receipts) consumed by message-service. */
    public String messageCommands() {
        return prefix + ":{messages}:in";
    }

    /** Join, leave, heartbeat and typing commands consumed by presence-service. */
    public String presenceCommands() {
        return prefix + ":{presence}:in";
    }

    /** Image and voice uploads sent as WebSocket frames, consumed by media-service. */
    public String mediaCommands() {
        return prefix + ":{media}:in";
    }

    /** Fan-out events that every gateway instance reads in full (no consumer group). */
    public String roomEvents() {
        return prefix + ":{events}:out";
    }
}
