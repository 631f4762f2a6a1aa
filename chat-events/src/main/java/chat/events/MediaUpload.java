package chat.events;

/**
 * Command to media-service: an image or voice message sent as a WebSocket frame.
 * The bytes travel once, as the frame's data URL; once stored, only the media URL moves on.
 *
 * @param kind           image or voice
 * @param room           room name
 * @param userId         sender's directory id (from the session)
 * @param username       sender's username
 * @param clientId       the client's id for the message, or null
 * @param idempotencyKey key that makes a retried upload harmless
 * @param dataUrl        {@code data:<type>;base64,<bytes>} as the client sent it
 * @param fileName       the client's file name (informative only; never trusted for the type)
 * @param origin         connection to acknowledge
 */
public record MediaUpload(
        Kind kind,
        String room,
        long userId,
        String username,
        String clientId,
        String idempotencyKey,
        String dataUrl,
        String fileName,
        Origin origin) implements Command {

    public static final String TYPE = "media_upload";

    /** Which message field the stored media fills. */
    public enum Kind {
        IMAGE, AUDIO
    }

    @Override
    public String type() {
        return TYPE;
    }
}
