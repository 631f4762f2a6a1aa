package chat.message.rest;

import chat.message.service.Conversation;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The caller's conversations, newest activity first.
 *
 * @param conversations one entry per room
 */
public record ConversationList(@JsonProperty("conversations") List<Conversation> conversations) {
}
