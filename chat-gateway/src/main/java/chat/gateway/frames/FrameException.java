package chat.gateway.frames;

import chat.events.ErrorCode;
/**
 * A client frame that is refused; becomes an {@code error} frame carrying the frame's
 * {@code client_id} (when it had a usable one), and the connection stays open.
 */
public class FrameException extends RuntimeException {

    private final ErrorCode code;
    private final String clientId;

    public FrameException(ErrorCode code, String reason) {
        this(code, reason, null);
    }

    public FrameException(ErrorCode code, String reason, String clientId) {
        super(reason, null, false, false);
        this.code = code;
        this.clientId = clientId;
    }

    public ErrorCode code() {
        return code;
    }

    /** The refused frame's client id, or null. */
    public String clientId() {
        return clientId;
    }

    /** The same refusal, now knowing the frame's client id. */
    FrameException withClientId(String id) {
        return id == null || clientId != null ? this : new FrameException(code, getMessage(), id);
    }
}
