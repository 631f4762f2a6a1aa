package chat.events;

/**
 * Command to store one chat message and announce it to the room.
 *
 * <p>The sender's identity ({@code userId}, {@code username}) is filled in by the gateway
 * from the authenticated session, never from the client's frame.
 *
 * @param room           room name (public, or {@code private_a_b})
 * @param userId         directory id of the sender
 * @param username       sender's username
 * @param clientId       the client's own id for the message, echoed back; null when the client gave none
 * @param idempotencyKey key that makes a retried command harmless: the client id when given,
 *                       otherwise a key the gateway made for this frame
 * @param text           raw text (never HTML); empty for a pure media message
 * @param imageUrl       URL under /api/media/ of an image, or null
 * @param audioUrl       URL under /api/media/ of a voice message, or null
 * @param origin         connection to acknowledge
 * @param imageThumbUrl   URL under /api/media/ of the image's preview (at most 320 px), or null
 * @param audioDurationMs the voice message's duration, or null
 */
public record SendMessage(
        String room,
        long userId,
        String username,
        String clientId,
        String idempotencyKey,
        String text,
        String imageUrl,
        String audioUrl,
        Origin origin,
        String imageThumbUrl,
        Long audioDurationMs) implements Command {

    public static final String TYPE = "send_message";

    /** A message without a preview or duration (text, or media stored before previews existed). */
    public SendMessage(String room, long userId, String username, String clientId, String idempotencyKey, String text,
            String imageUrl, String audioUrl, Origin origin) {
        this(room, userId, username, clientId, idempotencyKey, text, imageUrl, audioUrl, origin, null, null);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
