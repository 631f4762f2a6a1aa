package chat.events.rest;

import chat.events.ErrorCode;

/** A refused request: answered with its code's HTTP status and an {@link ApiError} body. */
public class ApiException extends RuntimeException {

    private final ErrorCode code;

    public ApiException(ErrorCode code, String reason) {
        // a refusal is an answer, not a fault: no stack trace to fill
        super(reason, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public int status() {
        return code.status();
    }

    public String reason() {
        return getMessage();
    }
}
