package chat.message.frames;

import chat.events.ErrorCode;
import chat.events.ErrorFrame;
import chat.events.StreamCodec;
import chat.message.entity.StoredMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Builds the server frames of docs/PROTOCOL.md (Server frames); the one place that knows their shape, used by
 * the live events and by the history REST alike.
 */
public final class MessageFrames {

    /** The original engine's clock form, e.g. {@code 03:04 PM} (UTC). */
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("hh:mm a", Locale.US)
            .withZone(ZoneOffset.UTC);
    /** ISO-8601 UTC with milliseconds, e.g. {@code 2024-05-06T15:04:05.123Z}. */
    private static final DateTimeFormatter ISO = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private MessageFrames() {
    }

    public static ChatMessageFrame chatMessage(StoredMessage m) {
        return new ChatMessageFrame(ChatMessageFrame.TYPE, m.room, m.id, m.seq, m.text, m.username, m.userId,
                clock(m.sentAt), iso(m.sentAt), m.imageUrl, m.audioUrl, m.imageThumbUrl, m.audioDurationMs, m.clientId);
    }

    public static ErrorFrame error(ErrorCode code, String reason) {
        return ErrorFrame.of(code, reason);
    }

    public static MessageReadFrame messageRead(String room, long messageId, String username, long userId) {
        return new MessageReadFrame(MessageReadFrame.TYPE, room, messageId, username, userId);
    }

    /** The frame as the JSON text gateways write to connections. */
    public static String encode(Object frame) {
        try {
            return StreamCodec.json().writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode frame " + frame.getClass().getSimpleName(), e);
        }
    }

    public static String clock(Instant at) {
        return formatted(at).clock();
    }

    public static String iso(Instant at) {
        return formatted(at).iso();
    }

    /** Both forms of one instant. */
    private record Formatted(Instant at, String clock, String iso) {
    }

    /**
     * The last instant formatted: every message of a stored batch has the same {@code sent_at},
     * and zone-aware formatting was a visible share of the service's CPU per message.
     */
    private static volatile Formatted last = new Formatted(Instant.EPOCH, CLOCK.format(Instant.EPOCH),
            ISO.format(Instant.EPOCH));

    private static Formatted formatted(Instant at) {
        Formatted f = last;
        if (!f.at().equals(at)) {
            f = new Formatted(at, CLOCK.format(at), ISO.format(at));
            last = f;
        }
        return f;
    }
}
