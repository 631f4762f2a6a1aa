package chat.gateway.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The authenticated user of a connection, as the directory knows them.
 *
 * @param userId   stable numeric id
 * @param username Keycloak username
 */
public record ChatUser(@JsonProperty("user_id") long userId, @JsonProperty("username") String username) {
}
