package chat.media.stream;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The {@code error} frame sent to the connection whose upload was refused. */
@JsonPropertyOrder({"type", "code", "reason"})
public record ErrorFrame(String type, String code, String reason) {

    public static final String TYPE = "error";

    public static ErrorFrame of(String code, String reason) {
        return new ErrorFrame(TYPE, code, reason);
    }
}
