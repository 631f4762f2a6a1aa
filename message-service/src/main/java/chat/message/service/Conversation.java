package chat.message.service;

import chat.message.frames.ChatMessageFrame;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One room in a caller's conversation list.
 *
 * @param room          the room (public, or a private room of the caller)
 * @param newestMessage the room's newest message, or null while it has none
 * @param unread        messages of others after the caller's read pointer (at most {@link ConversationService#MAX_UNREAD})
 * @param lastReadSeq   the seq the caller has read up to (0: nothing yet)
 */
public record Conversation(
        @JsonProperty("room") String room,
        @JsonProperty("newest_message") ChatMessageFrame newestMessage,
        @JsonProperty("unread") int unread,
        @JsonProperty("last_read_seq") long lastReadSeq) {
}
