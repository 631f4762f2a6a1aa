package chat.presence.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * What auth-service's directory needs from presence: who is online now, the last-seen times
 * written since its cursor, and the cursor for its next call.
 */
public record DirectoryPresence(@JsonProperty("online") List<Long> online,
        @JsonProperty("last_seen") List<LastSeen> lastSeen, @JsonProperty("cursor") Instant cursor) {
}
