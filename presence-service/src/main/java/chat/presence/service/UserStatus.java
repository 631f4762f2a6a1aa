package chat.presence.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A user's online state and last-seen time, for auth-service's directory. */
public record UserStatus(@JsonProperty("user_id") long userId, @JsonProperty("username") String username,
        @JsonProperty("online") boolean online, @JsonProperty("last_seen") Instant lastSeen) {
}
