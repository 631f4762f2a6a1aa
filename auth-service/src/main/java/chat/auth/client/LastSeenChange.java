package chat.auth.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A user's last-seen time as presence-service recorded it (when their last connection closed). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LastSeenChange(@JsonProperty("user_id") long userId, @JsonProperty("last_seen") Instant lastSeen) {
}
