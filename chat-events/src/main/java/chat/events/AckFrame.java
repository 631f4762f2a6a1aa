package chat.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code ack} frame: sent to the sender once its message is stored. Built by message-service
 * for a repeated command, and by the sender's gateway from the {@link RoomEvent.Ack} that rides
 * on the {@code chat_message} event of a new message.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"type", "client_id", "message_id", "seq"})
public record AckFrame(
        @JsonProperty("type") String type,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("message_id") long messageId,
        @JsonProperty("seq") long seq) {

    public static final String TYPE = "ack";

    public static AckFrame of(String clientId, long messageId, long seq) {
        return new AckFrame(TYPE, clientId, messageId, seq);
    }

    /** The frame as JSON text. */
    public String encode() {
        return StreamCodec.jsonText(this);
    }
}
