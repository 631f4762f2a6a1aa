package chat.message.rest;

import chat.message.frames.ChatMessageFrame;
import java.util.List;

/**
 * A page of a room's history.
 *
 * @param room     the room
 * @param messages {@code chat_message} frames, oldest first
 */
public record HistoryPage(String room, List<ChatMessageFrame> messages) {
}
