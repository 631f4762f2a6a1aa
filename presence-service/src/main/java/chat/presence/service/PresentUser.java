package chat.presence.service;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A user online in a room, and whether they are typing. */
public record PresentUser(@JsonProperty("user_id") long userId, @JsonProperty("username") String username,
        @JsonProperty("typing") boolean typing) {
}
