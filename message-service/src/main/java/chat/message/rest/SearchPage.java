package chat.message.rest;

import chat.message.service.ReadPointer;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer to a search in a room.
 *
 * @param room         the room
 * @param query        the text searched for, as given
 * @param messages     matching {@code chat_message} frames with {@code read_by}, newest first
 * @param readPointers the other readers' pointers, most recently moved first (at most 200)
 */
public record SearchPage(
        @JsonProperty("room") String room,
        @JsonProperty("query") String query,
        @JsonProperty("messages") List<HistoryMessage> messages,
        @JsonProperty("read_pointers") List<ReadPointer> readPointers) {
}
