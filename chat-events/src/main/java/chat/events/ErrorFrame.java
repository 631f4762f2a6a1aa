package chat.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code error} frame of the wire contract, as every service and the gateway write it:
 * a refused frame, sent to the connection it came from, carrying the frame's {@code client_id}
 * (null when it had none) so the client knows which message failed.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"type", "code", "reason", "client_id"})
public record ErrorFrame(
        @JsonProperty("type") String type,
        @JsonProperty("code") String code,
        @JsonProperty("reason") String reason,
        @JsonProperty("client_id") String clientId) {

    public static final String TYPE = "error";
    public static final String BAD_FRAME = "bad_frame";
    public static final String TOO_LARGE = "too_large";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String FORBIDDEN = "forbidden";
    public static final String UNSUPPORTED_MEDIA = "unsupported_media";
    public static final String UNAVAILABLE = "unavailable";

    public static ErrorFrame of(String code, String reason) {
        return new ErrorFrame(TYPE, code, reason, null);
    }

    /** The same refusal, addressed to the frame with this client id. */
    public ErrorFrame forClient(String id) {
        return new ErrorFrame(type, code, reason, id);
    }

    /** The frame as JSON text. */
    public String encode() {
        try {
            return StreamCodec.json().writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot encode an error frame", e);
        }
    }
}
