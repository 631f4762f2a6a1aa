package chat.events;

/** A stream entry that no retry can make readable: consumers log it, acknowledge it and move on. */
public class MalformedEntryException extends RuntimeException {

    public MalformedEntryException(String message) {
        super(message);
    }

    public MalformedEntryException(String message, Throwable cause) {
        super(message, cause);
    }
}
