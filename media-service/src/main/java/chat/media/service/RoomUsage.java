package chat.media.service;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The media a room holds.
 *
 * @param room  the room
 * @param count how many media (previews included)
 * @param bytes their stored size
 */
public record RoomUsage(@JsonProperty("room") String room, @JsonProperty("media_count") long count,
        @JsonProperty("bytes") long bytes) {
}
