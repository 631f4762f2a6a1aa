package chat.events;

/**
 * Command to presence-service: a connection joined or left a room, is still alive, or its
 * user is typing.
 *
 * @param kind     what happened
 * @param room     room name
 * @param userId   directory id of the connection's user
 * @param username username of the connection's user
 * @param origin   the connection
 */
public record PresenceCommand(Kind kind, String room, long userId, String username, Origin origin)
        implements
            Command {

    public static final String TYPE = "presence";

    /** What a presence command reports. */
    public enum Kind {
        JOIN, LEAVE, HEARTBEAT, TYPING
    }

    @Override
    public String type() {
        return TYPE;
    }
}
