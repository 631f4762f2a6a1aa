package chat.presence.service;

/** A connection the sweeper removed from a room because its gateway stopped sending heartbeats. */
public record RemovedConnection(String room, Connection connection) {
}
