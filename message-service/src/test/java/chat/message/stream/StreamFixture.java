package chat.message.stream;

import chat.events.Command;
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
import java.util.function.Predicate;

/** Writes commands to and reads events from the test's own streams (random prefix). */
public final class StreamFixture {

    private final StreamCommands<String, String, String> streams;
    public final StreamNames names = new StreamNames(StackTestResource.streamPrefix);

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

    /** Appends a command entry; returns its id. */
    public String send(Command command) {
        return streams.xadd(names.messageCommands(), StreamCodec.encode(command));
    }

    /** Appends a raw entry; returns its id. */
    public String sendRaw(Map<String, String> fields) {
        return streams.xadd(names.messageCommands(), fields);
    }

    /** Every event of the fan-out stream that matches, in stream order. */
    public List<RoomEvent> events(Predicate<RoomEvent> filter) {
        return streams.xrange(names.roomEvents(), StreamRange.of("-", "+")).stream()
                .map(m -> StreamCodec.decodeEvent(m.payload())).filter(filter).toList();
    }

    public List<RoomEvent> roomEvents(String room, String type) {
        return events(e -> e.room().equals(room) && e.type().equals(type) && e.target() == null);
    }

    public List<RoomEvent> connectionEvents(Origin origin) {
        return events(e -> origin.equals(e.target()));
    }

    /** Entries of the message stream still pending (read, not acknowledged) in the service's group. */
    public int pending(String entryId) {
        return streams.xpending(names.messageCommands(), MessageCommandConsumer.GROUP, StreamRange.of(entryId, entryId), 10).size();
    }

    public long deadLetters() {
        return streams.xlen(names.messageCommands() + ":dead");
    }
}
