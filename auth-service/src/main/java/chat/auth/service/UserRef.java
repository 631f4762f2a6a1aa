package chat.auth.service;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A user as other services and clients know them: the directory id and the username. */
public record UserRef(@JsonProperty("user_id") long userId, @JsonProperty("username") String username) {
}
