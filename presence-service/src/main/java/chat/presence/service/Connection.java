package chat.presence.service;

import java.util.Optional;

/**
 * One WebSocket connection in a room, as stored in the room's sorted set:
 * {@code <gatewayId>|<connectionId>|<userId>|<username>}.
 */
public record Connection(String gatewayId, String connectionId, long userId, String username) {

    public String encode() {
        return gatewayId + "|" + connectionId + "|" + userId + "|" + username;
    }

    /** The prefix every member of this connection starts with, whatever the username. */
    public static String memberPrefix(String gatewayId, String connectionId) {
        return gatewayId + "|" + connectionId + "|";
    }

    /** Parses a stored member; empty when it is not one. */
    public static Optional<Connection> parse(String member) {
        String[] parts = member.split("\\|", 4);
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Connection(parts[0], parts[1], Long.parseLong(parts[2]), parts[3]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
