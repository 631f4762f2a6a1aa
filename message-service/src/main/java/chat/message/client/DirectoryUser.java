package chat.message.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A directory entry of auth-service (only the fields this service reads).
 *
 * @param userId   the stable numeric id
 * @param username the username
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DirectoryUser(@JsonProperty("user_id") long userId, @JsonProperty("username") String username) {
}
