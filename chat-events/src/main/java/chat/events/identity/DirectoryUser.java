package chat.events.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A directory entry of auth-service (only the field the services read).
 *
 * @param userId the stable numeric id
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record DirectoryUser(@JsonProperty("user_id") long userId) {
}
