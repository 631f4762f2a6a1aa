package chat.gateway.client;

import chat.events.ErrorCode;
/** A media frame that cannot become a message; {@code code} is the error code (docs/PROTOCOL.md, Errors) the sender gets. */
public class MediaRefused extends RuntimeException {

    private final ErrorCode code;

    public MediaRefused(ErrorCode code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
