package chat.events.rest;

import chat.events.ErrorCode;
import chat.events.StreamCodec;

/**
 * The body of every error answer of every service: {@code {"code","reason"}}
 * (docs/PROTOCOL.md, Errors).
 *
 * @param code   machine-readable code, e.g. {@code bad_request}
 * @param reason human-readable explanation
 */
public record ApiError(String code, String reason) {

    public static ApiError of(ErrorCode code, String reason) {
        return new ApiError(code.wire(), reason);
    }

    /** The body as JSON text, for answers written without JAX-RS (Vert.x routes). */
    public String encode() {
        return StreamCodec.jsonText(this);
    }
}
