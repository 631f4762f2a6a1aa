package chat.message.rest;

/** A refused request, answered with its status and an {@link ErrorResponse}. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String reason) {
        super(reason);
        this.status = status;
        this.code = code;
    }

    public static ApiException badRequest(String reason) {
        return new ApiException(400, "bad_request", reason);
    }

    public static ApiException forbidden(String reason) {
        return new ApiException(403, "forbidden", reason);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
