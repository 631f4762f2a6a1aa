package chat.presence.service;

/** A user with at least one live connection (in a room, or anywhere). */
public record OnlineUser(long userId, String username) {
}
