package chat.message.frame;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The {@code error} frame: a refused command, sent to the connection it came from. */
@JsonPropertyOrder({"type", "code", "reason"})
public record ErrorFrame(
        @JsonProperty("type") String type,
        @JsonProperty("code") String code,
        @JsonProperty("reason") String reason) {

    public static final String TYPE = "error";
    public static final String BAD_FRAME = "bad_frame";
    public static final String TOO_LARGE = "too_large";
    public static final String FORBIDDEN = "forbidden";
}
