package chat.gateway.frames;

import chat.events.MediaUpload;

/** A validated frame from a client (docs/PROTOCOL.md, Client frames). */
public sealed interface ClientFrame {

    /** The client's id of the frame, echoed in its answer; null for frames that carry none. */
    default String clientId() {
        return null;
    }

    /** A text message; {@code clientId} is null in the original untyped form. */
    record TextMessage(String text, String clientId) implements ClientFrame {
    }

    /** The user is typing. */
    record Typing() implements ClientFrame {
    }

    /** The user has read up to this message. */
    record MessageRead(long messageId) implements ClientFrame {
    }

    /** An image or voice message as a data URL. */
    record Media(MediaUpload.Kind kind, String dataUrl, String fileName, String clientId) implements ClientFrame {
    }

    /** A message posting media uploaded over HTTP ({@code media_id}); {@code text} may be empty. */
    record MediaPost(String mediaId, String text, String clientId) implements ClientFrame {
    }

    /** Send me every message with a seq above this, then go on live. */
    record Resume(long afterSeq) implements ClientFrame {
    }

    /** Keep-alive. */
    record Ping() implements ClientFrame {
    }
}
