package chat.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of a room's history: {@code chat_message} objects as message-service wrote them.
 *
 * @param room     the room
 * @param messages the messages, oldest first
 */
public record HistoryPage(String room, List<JsonNode> messages) {
}
