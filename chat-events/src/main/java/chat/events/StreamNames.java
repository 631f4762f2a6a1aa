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

    /**
     * Message commands (text messages, read receipts) of one partition, consumed by
     * message-service; each partition is its own hash slot under Redis Cluster.
     */
    public String messageCommands(int partition) {
        return prefix + ":{messages:" + partition + "}:in";
    }

    /** Every message-command partition, in partition order. */
    public java.util.List<String> messageCommandPartitions(int partitions) {
        return java.util.stream.IntStream.range(0, partitions).mapToObj(this::messageCommands).toList();
    }

    /** The message-command stream of a room: the same partition for a room everywhere, so its order holds. */
    public String messageCommandsFor(String room, int partitions) {
        return messageCommands(partitionOf(room, partitions));
    }

    /** A room's partition: CRC-32 of its name's UTF-8 bytes, modulo the partition count (stable across JVMs). */
    public static int partitionOf(String room, int partitions) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(room.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return (int) (crc.getValue() % partitions);
    }

    /** The sorted set in which message-service instances announce themselves to share the partitions. */
    public String messageConsumers() {
        return prefix + ":{messages}:members";
    }

    /** Join, leave, heartbeat and typing commands consumed by presence-service. */
    public String presenceCommands() {
        return prefix + ":{presence}:in";
    }

    /** Image and voice uploads sent as WebSocket frames, consumed by media-service. */
    public String mediaCommands() {
        return prefix + ":{media}:in";
    }

    /**
     * Fan-out events of one partition, read by the gateways that have a connection in one of its
     * rooms (no consumer group); each partition is its own hash slot under Redis Cluster.
     */
    public String roomEvents(int partition) {
        return prefix + ":{events:" + partition + "}:out";
    }

    /** The fan-out partition of a room's events: every event of a room goes there, so their order holds. */
    public String roomEventsFor(String room, int partitions) {
        return roomEvents(partitionOf(room, partitions));
    }

    /** Every fan-out partition, in partition order. */
    public java.util.List<String> roomEventPartitions(int partitions) {
        return java.util.stream.IntStream.range(0, partitions).mapToObj(this::roomEvents).toList();
    }
}
