package chat.presence.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** When a user's last connection closed (or their gateway was swept). */
public record LastSeen(@JsonProperty("user_id") long userId, @JsonProperty("last_seen") Instant lastSeen) {
}
