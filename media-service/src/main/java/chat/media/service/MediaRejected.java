package chat.media.service;

/** An upload refused for good (no retry helps); {@code code} is the PROTOCOL.md error code. */
public class MediaRejected extends RuntimeException {

    public static final String BAD_FRAME = "bad_frame";
    public static final String BAD_REQUEST = "bad_request";
    public static final String FORBIDDEN = "forbidden";
    public static final String TOO_LARGE = "too_large";
    public static final String UNSUPPORTED_MEDIA = "unsupported_media";

    private final String code;

    public MediaRejected(String code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public String reason() {
        return getMessage();
    }
}
