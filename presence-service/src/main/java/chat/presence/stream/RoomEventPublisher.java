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
import java.util.function.Function;

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

    /** Everyone in the room but {@code excludeUserId}'s connections (0: everyone) gets the room's usernames. */
    public void userList(String room, List<String> usernames, long excludeUserId) {
        String frame = encode(new UserListFrame(RoomEvent.USER_LIST, room, usernames));
        events.publish(excludeUserId == 0
                ? RoomEvent.toRoom(RoomEvent.USER_LIST, room, 0, frame)
                : RoomEvent.toRoomExcept(RoomEvent.USER_LIST, room, frame, excludeUserId));
    }

    /** One joining connection gets the room's usernames (in its room's partition: its gateway reads that). */
    public void userListTo(Origin connection, String room, List<String> usernames) {
        String frame = encode(new UserListFrame(RoomEvent.USER_LIST, room, usernames));
        events.publish(RoomEvent.toConnection(RoomEvent.USER_LIST, room, frame, connection));
    }

    /**
     * Each joining connection gets its room's usernames, in one pipelined round trip for all of
     * them; a room's frame is encoded once.
     */
    public void userListsTo(Map<String, List<Origin>> joinersByRoom, Function<String, List<String>> usernames) {
        List<RoomEvent> lists = new ArrayList<>();
        joinersByRoom.forEach((room, joiners) -> {
            String frame = encode(new UserListFrame(RoomEvent.USER_LIST, room, usernames.apply(room)));
            joiners.forEach(joiner -> lists.add(RoomEvent.toConnection(RoomEvent.USER_LIST, room, frame, joiner)));
        });
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
