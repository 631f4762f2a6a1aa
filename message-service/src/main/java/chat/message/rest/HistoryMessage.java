package chat.message.rest;

import chat.message.frames.ChatMessageFrame;
import chat.message.service.ReadState;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A {@code chat_message} frame as one caller sees it in history or search: the frame's fields
 * plus {@code read_by}, how many OTHER readers of the room are at or past it (in a private room
 * 0 or 1: the second tick).
 *
 * @param frame  the frame, unwrapped into this object
 * @param readBy other readers whose read pointer is at or past this message
 */
@Schema(name = "HistoryMessage", description = "A chat_message frame with the caller's read state")
public record HistoryMessage(
        @JsonUnwrapped ChatMessageFrame frame,
        @JsonProperty("read_by") int readBy) {

    public static List<HistoryMessage> of(List<ChatMessageFrame> frames, ReadState reads) {
        return frames.stream().map(f -> new HistoryMessage(f, reads.readBy(f.seq()))).toList();
    }
}
