package chat.auth.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A line of the directory: the user, whether they are online, and when they were last seen. */
public record DirectoryEntry(
        @JsonProperty("user_id") long userId,
        @JsonProperty("username") String username,
        @JsonProperty("online") boolean online,
        @JsonProperty("last_seen") Instant lastSeen) {
}
