package chat.auth.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * presence-service's answer for the directory: the ids of the users online now, the last-seen times
 * written since the cursor asked with, and the cursor to ask with next.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PresenceSnapshot(
        @JsonProperty("online") List<Long> online,
        @JsonProperty("last_seen") List<LastSeenChange> lastSeen,
        @JsonProperty("cursor") Instant cursor) {

    public PresenceSnapshot {
        online = online == null ? List.of() : online;
        lastSeen = lastSeen == null ? List.of() : lastSeen;
    }
}
