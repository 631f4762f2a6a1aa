package chat.presence.service;

/** A refusal with its HTTP status and the {@code {"code","reason"}} answer of PROTOCOL.md. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String reason) {
        super(reason);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
