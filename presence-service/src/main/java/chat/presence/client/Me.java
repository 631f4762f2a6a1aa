package chat.presence.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** auth-service's answer to {@code GET /api/users/me}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Me(@JsonProperty("user_id") long userId, @JsonProperty("username") String username) {
}
