package chat.events;

/**
 * Command: the reader has read every message of the room up to {@code messageId}.
 *
 * @param room      room name
 * @param userId    reader's directory id (from the session)
 * @param username  reader's username
 * @param messageId last message read
 * @param origin    connection to answer with an error, if the pointer is refused
 */
public record MarkRead(String room, long userId, String username, long messageId, Origin origin)
        implements
            Command {

    public static final String TYPE = "mark_read";

    @Override
    public String type() {
        return TYPE;
    }
}
