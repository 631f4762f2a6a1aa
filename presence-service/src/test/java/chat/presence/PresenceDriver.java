package chat.presence;

import chat.events.Origin;
import chat.events.PresenceCommand;
import chat.events.PresenceCommand.Kind;
import chat.events.RoomEvent;
import chat.events.StreamCodec;
import chat.events.StreamNames;
import chat.stack.test.StackTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Plays a gateway in tests: writes presence commands to the real command stream and reads
 * what presence-service published to the real fan-out stream.
 */
public class PresenceDriver {

    /** A published event with its stream id (ids order events). */
    public record Seen(String id, RoomEvent event, JsonNode frame) {

        public List<String> users() {
            List<String> users = new ArrayList<>();
            frame.path("users").forEach(u -> users.add(u.asText()));
            return users;
        }
    }

    private final StreamCommands<String, String, String> streams;
    /** chat.streams.event-partitions, as the service under test reads it. */
    private static final int EVENT_PARTITIONS = org.eclipse.microprofile.config.ConfigProvider.getConfig()
            .getValue("chat.streams.event-partitions", Integer.class);
    private final StreamNames names;

    private final RedisDataSource redis;

    public PresenceDriver(RedisDataSource redis) {
        this.redis = redis;
        this.streams = redis.stream(String.class);
        this.names = new StreamNames(StackTestResource.streamPrefix);
    }

    public static String unique(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public void join(String room, String gateway, String connection, long userId, String username) {
        send(joinOf(room, gateway, connection, userId, username));
    }

    public void leave(String room, String gateway, String connection, long userId, String username) {
        send(leaveOf(room, gateway, connection, userId, username));
    }

    public void heartbeat(String gateway) {
        send(new PresenceCommand(Kind.HEARTBEAT, null, 0, null, new Origin(gateway, null)));
    }

    public void typing(String room, String gateway, String connection, long userId, String username) {
        send(new PresenceCommand(Kind.TYPING, room, userId, username, new Origin(gateway, connection)));
    }

    public void send(PresenceCommand command) {
        streams.xadd(names.presenceCommands(), StreamCodec.encode(command));
    }

    /**
     * Commands appended in one transaction (MULTI/EXEC), so that the service reads them in one
     * batch, as it does a burst of upgrades or closes.
     */
    public void atOnce(List<PresenceCommand> commands) {
        redis.withTransaction(tx -> commands
                .forEach(command -> tx.stream(String.class).xadd(names.presenceCommands(),
                        StreamCodec.encode(command))));
    }

    public static PresenceCommand joinOf(String room, String gateway, String connection, long userId, String username) {
        return new PresenceCommand(Kind.JOIN, room, userId, username, new Origin(gateway, connection));
    }

    public static PresenceCommand leaveOf(String room, String gateway, String connection, long userId,
            String username) {
        return new PresenceCommand(Kind.LEAVE, room, userId, username, new Origin(gateway, connection));
    }

    /** Every event of one type published for a room so far, in stream order. */
    public List<Seen> events(String room, String type) {
        List<Seen> seen = new ArrayList<>();
        for (StreamMessage<String, String, String> m : streams.xrange(names.roomEventsFor(room, EVENT_PARTITIONS),
                StreamRange.of("-", "+"))) {
            RoomEvent event = StreamCodec.decodeEvent(m.payload());
            if (event.room().equals(room) && event.type().equals(type)) {
                try {
                    seen.add(new Seen(m.id(), event, StreamCodec.json().readTree(event.frame())));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return seen;
    }

    /** The users of the latest user_list broadcast to a room, or null when there was none. */
    public List<String> lastUserList(String room) {
        List<Seen> lists = roomLists(room);
        return lists.isEmpty() ? null : lists.get(lists.size() - 1).users();
    }

    /** The user_lists that went to a whole room (not to joining connections), in stream order. */
    public List<Seen> roomLists(String room) {
        return events(room, RoomEvent.USER_LIST).stream().filter(s -> !s.event().targeted()).toList();
    }

    /** The user_lists that went to this connection and no room (its answer on joining), in stream order. */
    public List<Seen> listsTo(String room, String connection) {
        return events(room, RoomEvent.USER_LIST).stream()
                .filter(s -> s.event().recipients().stream().anyMatch(to -> connection.equals(to.connectionId())))
                .toList();
    }
}
