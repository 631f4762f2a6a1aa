package chat.gateway.frames;

/** A client frame that is refused; becomes an {@code error} frame, the connection stays open. */
public class FrameException extends RuntimeException {

    private final String code;

    public FrameException(String code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
