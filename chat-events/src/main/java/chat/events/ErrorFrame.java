package chat.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code error} frame of the wire contract, as every service and the gateway write it:
 * a refused frame, sent to the connection it came from, carrying the frame's {@code client_id}
 * (null when it had none) so the client knows which message failed. Its codes are {@link ErrorCode}s.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"type", "code", "reason", "client_id"})
public record ErrorFrame(
        @JsonProperty("type") String type,
        @JsonProperty("code") String code,
        @JsonProperty("reason") String reason,
        @JsonProperty("client_id") String clientId) {

    public static final String TYPE = "error";

    public static ErrorFrame of(ErrorCode code, String reason) {
        return new ErrorFrame(TYPE, code.wire(), reason, null);
    }

    /** The same refusal, addressed to the frame with this client id. */
    public ErrorFrame forClient(String id) {
        return new ErrorFrame(type, code, reason, id);
    }

    /** The frame as JSON text. */
    public String encode() {
        return StreamCodec.jsonText(this);
    }
}
