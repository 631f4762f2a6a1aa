package chat.auth.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code POST /api/private-rooms}: the other user. */
public record PrivateRoomRequest(@JsonProperty("user_id") Long userId) {
}
