package chat.presence.stream;

import chat.events.Origin;
import chat.events.RoomEvent;
import chat.events.StreamCodec;
import chat.events.redis.RoomEventStreams;
import chat.events.config.StreamsConfig;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Publishes presence's frames ({@code user_list}, {@code typing}) to the fan-out partition of their room. */
@ApplicationScoped
public class RoomEventPublisher {

    /** The {@code user_list} frame (docs/PROTOCOL.md, Server frames). */
    public record UserListFrame(String type, String room, List<String> users) {
    }

    /** The {@code typing} frame (docs/PROTOCOL.md, Server frames). */
    public record TypingFrame(String type, String room, String username, @JsonProperty("user_id") long userId) {
    }

    private final RoomEventStreams events;

    public RoomEventPublisher(RedisDataSource redis, Redis pipeline, StreamsConfig streams) {
        this.events = new RoomEventStreams(redis, pipeline, streams);
    }

    /** A room's list for the whole room but {@code excludeUserId}'s connections (0: everyone). */
    public record RoomList(String room, long excludeUserId) {
    }

    /**
     * Publishes, in one pipelined round trip: to each room's joining connections their room's
     * usernames, one entry per room for all its joiners (a run of N joiners costs one entry, not
     * N); then each room list to its room. Each frame is encoded once.
     */
    public void userLists(Map<String, List<Origin>> joinersByRoom, List<RoomList> roomLists,
            Map<String, List<String>> usernames) {
        List<RoomEvent> lists = new ArrayList<>(joinersByRoom.size() + roomLists.size());
        joinersByRoom.forEach((room, joiners) -> lists.add(RoomEvent.toConnections(RoomEvent.USER_LIST, room,
                encode(new UserListFrame(RoomEvent.USER_LIST, room, usernames.get(room))), joiners)));
        for (RoomList list : roomLists) {
            String frame = encode(new UserListFrame(RoomEvent.USER_LIST, list.room(), usernames.get(list.room())));
            lists.add(list.excludeUserId() == 0
                    ? RoomEvent.toRoom(RoomEvent.USER_LIST, list.room(), 0, frame)
                    : RoomEvent.toRoomExcept(RoomEvent.USER_LIST, list.room(), frame, list.excludeUserId()));
        }
        events.publishAll(lists);
    }

    /** Everyone in the room but the typer's own connections learns that the user is typing. */
    public void typing(String room, long userId, String username) {
        String frame = encode(new TypingFrame(RoomEvent.TYPING, room, username, userId));
        events.publish(RoomEvent.toRoomExcept(RoomEvent.TYPING, room, frame, userId));
    }

    private static String encode(Object frame) {
        try {
            return StreamCodec.json().writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a presence frame", e);
        }
    }
}
