package chat.events;

/** An entry of a command stream: something one service asks another to do. */
public sealed interface Command permits SendMessage, MarkRead, PresenceCommand, MediaUpload {

    /** The entry's {@code type} field. */
    String type();
}
