package chat.message.stream;

import chat.events.Command;
import chat.events.MarkRead;
import chat.events.Origin;
import chat.events.RoomEvent;
import chat.events.SendMessage;
import chat.events.StreamCodec;
import chat.events.StreamNames;
import chat.stack.test.StackTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamRange;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.ConfigProvider;

/** Writes commands to and reads events from the test's own streams (random prefix). */
public final class StreamFixture {

    private final StreamCommands<String, String, String> streams;
    public final StreamNames names = new StreamNames(StackTestResource.streamPrefix);
    public final int partitions = ConfigProvider.getConfig().getValue("chat.streams.message-partitions", Integer.class);
    private final int eventPartitions = ConfigProvider.getConfig().getValue("chat.streams.event-partitions",
            Integer.class);
    /** The partition stream each entry was appended to, by entry id. */
    private final Map<String, String> keys = new ConcurrentHashMap<>();

    public StreamFixture(RedisDataSource redis) {
        this.streams = redis.stream(String.class);
    }

    public static String randomRoom() {
        return "room-" + UUID.randomUUID().toString().substring(0, 12);
    }

    public static Origin randomOrigin() {
        return new Origin("gw-test", "conn-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public static SendMessage text(String room, long userId, String username, String key, String text, Origin origin) {
        return new SendMessage(room, userId, username, key, key, text, null, null, origin);
    }

    /** Appends a command entry to its room's partition; returns its id. */
    public String send(Command command) {
        String room = command instanceof SendMessage m ? m.room() : ((MarkRead) command).room();
        return sendRaw(room, StreamCodec.encode(command));
    }

    /** Appends a raw entry to the partition of {@code room}; returns its id. */
    public String sendRaw(String room, Map<String, String> fields) {
        String key = names.messageCommandsFor(room, partitions);
        String id = streams.xadd(key, fields);
        keys.put(id, key);
        return id;
    }

    /** Every event of the given fan-out partitions that matches, in stream order within each partition. */
    private List<RoomEvent> events(List<String> keys, Predicate<RoomEvent> filter) {
        return keys.stream().flatMap(key -> streams.xrange(key, StreamRange.of("-", "+")).stream())
                .map(m -> StreamCodec.decodeEvent(m.payload())).filter(filter).toList();
    }

    /** A room's events of one type for the whole room, in stream order (they all are in the room's partition). */
    public List<RoomEvent> roomEvents(String room, String type) {
        return events(List.of(names.roomEventsFor(room, eventPartitions)),
                e -> e.room().equals(room) && e.type().equals(type) && e.target() == null);
    }

    /**
     * The answers to one connection, in any partition, as its gateway writes them: events targeted
     * at it, and the acks riding on {@code chat_message} events (shown as the {@code ack} they become).
     */
    public List<RoomEvent> connectionEvents(Origin origin) {
        return events(names.roomEventPartitions(eventPartitions), e -> true).stream().map(StreamFixture::answer)
                .filter(e -> origin.equals(e.target())).toList();
    }

    /** The events as stored, targeted at one connection (not counting acks riding on messages). */
    public List<RoomEvent> targetedEvents(Origin origin) {
        return events(names.roomEventPartitions(eventPartitions), e -> origin.equals(e.target()));
    }

    private static RoomEvent answer(RoomEvent e) {
        return e.ack() == null
                ? e
                : RoomEvent.toConnection(RoomEvent.ACK, e.room(), e.ack().frame(e.seq()), e.ack().to());
    }

    /** Entries of the message stream still pending (read, not acknowledged) in the service's group. */
    public int pending(String entryId) {
        return streams.xpending(keys.get(entryId), MessageCommandConsumer.GROUP, StreamRange.of(entryId, entryId), 10)
                .size();
    }

    /** Entries in the dead-letter streams of every partition. */
    public long deadLetters() {
        return names.messageCommandPartitions(partitions).stream().mapToLong(k -> streams.xlen(k + ":dead")).sum();
    }

    /** The dead letters of every partition, fields as stored. */
    public List<Map<String, String>> deadLetterEntries() {
        return names.messageCommandPartitions(partitions).stream()
                .flatMap(k -> streams.xrange(k + ":dead", StreamRange.of("-", "+")).stream())
                .map(m -> m.payload()).toList();
    }
}
