package chat.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

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

    /**
     * The frame as JSON text, the same as Jackson writes this record; put together by hand because
     * each sender's gateway encodes one per message on its event reader thread.
     */
    public String encode() {
        StringBuilder json = new StringBuilder(80).append("{\"type\":\"").append(type).append("\",\"client_id\":");
        if (clientId == null) {
            json.append("null");
        } else {
            json.append('"').append(JsonStringEncoder.getInstance().quoteAsString(clientId)).append('"');
        }
        return json.append(",\"message_id\":").append(messageId).append(",\"seq\":").append(seq).append('}')
                .toString();
    }
}
