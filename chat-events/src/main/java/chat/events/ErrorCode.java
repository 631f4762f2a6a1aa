package chat.events;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Every error code of the wire protocol, with the HTTP status a REST answer carries for it
 * (docs/PROTOCOL.md, Errors). The same codes name the refusals of {@link ErrorFrame}s.
 */
public enum ErrorCode {

    BAD_REQUEST("bad_request", 400), BAD_FRAME("bad_frame", 400), BAD_ROOM("bad_room", 400), BAD_USERNAME(
            "bad_username",
            400), WEAK_PASSWORD("weak_password", 400), UNAUTHORIZED("unauthorized", 401), FORBIDDEN("forbidden",
                    403), NOT_FOUND("not_found", 404), UNKNOWN_USER("unknown_user", 404), UNKNOWN_ROOM("unknown_room",
                            404), METHOD_NOT_ALLOWED("method_not_allowed", 405), USERNAME_TAKEN("username_taken",
                                    409), TOO_LARGE("too_large", 413), UNSUPPORTED_MEDIA("unsupported_media",
                                            415), RANGE_NOT_SATISFIABLE("range_not_satisfiable", 416), RATE_LIMITED(
                                                    "rate_limited", 429), UNAVAILABLE("unavailable", 503);

    private final String wire;
    private final int status;

    ErrorCode(String wire, int status) {
        this.wire = wire;
        this.status = status;
    }

    /** The code as the JSON of frames and REST answers spells it. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The HTTP status of a REST answer with this code. */
    public int status() {
        return status;
    }

    /** The code of this wire spelling, or empty for a code this version does not know. */
    public static java.util.Optional<ErrorCode> ofWire(String wire) {
        for (ErrorCode code : values()) {
            if (code.wire.equals(wire)) {
                return java.util.Optional.of(code);
            }
        }
        return java.util.Optional.empty();
    }

    /** The code a REST answer of this HTTP status carries when nothing more specific is known. */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 415 -> UNSUPPORTED_MEDIA;
            default -> status < 500 ? BAD_REQUEST : UNAVAILABLE;
        };
    }

    @Override
    public String toString() {
        return wire;
    }
}
