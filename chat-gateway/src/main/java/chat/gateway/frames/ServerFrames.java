package chat.gateway.frames;

import chat.events.ErrorCode;
import chat.events.ErrorFrame;

/** The frames the gateway itself writes (the services encode the rest). */
public final class ServerFrames {

    public static final String PONG = "{\"type\":\"pong\"}";

    private ServerFrames() {
    }

    /** An {@code error} frame; {@code clientId} is the refused frame's id, or null (always present in the frame). */
    public static String error(ErrorCode code, String reason, String clientId) {
        return ErrorFrame.of(code, reason).forClient(clientId).encode();
    }

    /** The error frame for a refused frame. */
    public static String error(FrameException refusal) {
        return error(refusal.code(), refusal.getMessage(), refusal.clientId());
    }
}
