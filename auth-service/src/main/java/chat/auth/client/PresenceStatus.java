package chat.auth.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** One user as presence-service sees them: online now, and when last seen. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PresenceStatus(
        @JsonProperty("user_id") long userId,
        @JsonProperty("username") String username,
        @JsonProperty("online") boolean online,
        @JsonProperty("last_seen") Instant lastSeen) {
}
