package chat.message.frames;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The {@code chat_message} frame (docs/PROTOCOL.md, Server frames), as live events and history both carry it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"type", "room", "message_id", "seq", "message", "username", "user_id", "timestamp", "sent_at",
        "image_url", "audio_url", "image_thumb_url", "audio_duration_ms", "client_id"})
public record ChatMessageFrame(
        @JsonProperty("type") String type,
        @JsonProperty("room") String room,
        @JsonProperty("message_id") long messageId,
        @JsonProperty("seq") long seq,
        @JsonProperty("message") String message,
        @JsonProperty("username") String username,
        @JsonProperty("user_id") long userId,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("sent_at") String sentAt,
        @JsonProperty("image_url") String imageUrl,
        @JsonProperty("audio_url") String audioUrl,
        @JsonProperty("image_thumb_url") String imageThumbUrl,
        @JsonProperty("audio_duration_ms") Long audioDurationMs,
        @JsonProperty("client_id") String clientId) {

    public static final String TYPE = "chat_message";
}
