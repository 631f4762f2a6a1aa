package chat.message.frames;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The {@code ack} frame: sent to the sender once its message is stored. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"type", "client_id", "message_id", "seq"})
public record AckFrame(
        @JsonProperty("type") String type,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("message_id") long messageId,
        @JsonProperty("seq") long seq) {

    public static final String TYPE = "ack";
}
