package chat.media.rest;

/** A request refused with an HTTP status and a PROTOCOL.md error code (403 forbidden, 503 unavailable). */
public class ApiException extends RuntimeException {

    public static final String FORBIDDEN = "forbidden";
    public static final String UNAVAILABLE = "unavailable";

    private final int status;
    private final String code;

    public ApiException(int status, String code, String reason) {
        super(reason, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiException forbidden(String reason) {
        return new ApiException(403, FORBIDDEN, reason);
    }

    public static ApiException unavailable(String reason) {
        return new ApiException(503, UNAVAILABLE, reason);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
