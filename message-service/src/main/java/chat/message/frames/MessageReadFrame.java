package chat.message.frames;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The {@code message_read} frame: a user has read the room up to a message. */
@JsonPropertyOrder({"type", "room", "message_id", "username", "user_id"})
public record MessageReadFrame(
        @JsonProperty("type") String type,
        @JsonProperty("room") String room,
        @JsonProperty("message_id") long messageId,
        @JsonProperty("username") String username,
        @JsonProperty("user_id") long userId) {

    public static final String TYPE = "message_read";
}
