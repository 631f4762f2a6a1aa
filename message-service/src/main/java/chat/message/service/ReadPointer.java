package chat.message.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How far one reader has read a room.
 *
 * @param userId    the reader's directory id
 * @param username  the reader's username (null for a pointer older than the username column whose reader never wrote)
 * @param messageId the last message read
 * @param seq       that message's seq in the room
 */
@JsonPropertyOrder({"user_id", "username", "message_id", "seq"})
public record ReadPointer(
        @JsonProperty("user_id") long userId,
        @JsonProperty("username") String username,
        @JsonProperty("message_id") long messageId,
        @JsonProperty("seq") long seq) {
}
