package chat.media.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A directory entry of auth-service (only the field this service reads).
 *
 * @param userId the stable numeric id
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DirectoryUser(@JsonProperty("user_id") long userId) {
}
