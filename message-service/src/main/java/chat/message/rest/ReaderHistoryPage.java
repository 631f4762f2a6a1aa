package chat.message.rest;

import chat.message.service.ReadPointer;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A page of a room's history as one caller sees it.
 *
 * @param room         the room
 * @param messages     {@code chat_message} frames with {@code read_by}, oldest first
 * @param readPointers the other readers' pointers, most recently moved first (at most 200)
 */
public record ReaderHistoryPage(
        @JsonProperty("room") String room,
        @JsonProperty("messages") List<HistoryMessage> messages,
        @JsonProperty("read_pointers") List<ReadPointer> readPointers) {
}
