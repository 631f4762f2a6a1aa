package chat.presence.service;

/** The Redis keys of presence, all under the deployment's stream prefix. */
public record PresenceKeys(String prefix) {

    /** Sorted set of a room's connections (member: {@link Connection#encode()}, score: time seen). */
    public String room(String room) {
        return prefix + ":presence:room:" + room;
    }

    /** Set of one gateway's {@code room|member} pairs, to find them when the gateway dies. */
    public String gatewayConnections(String gatewayId) {
        return prefix + ":presence:gw-conns:" + gatewayId;
    }

    /** Set of every gateway id that holds or held connections. */
    public String gateways() {
        return prefix + ":presence:gateways";
    }

    /** Key that exists while a gateway is alive (refreshed with a TTL by its heartbeats). */
    public String gatewayAlive(String gatewayId) {
        return prefix + ":presence:gateway:" + gatewayId;
    }

    /** Marker of a connection that left, so that a late (re-delivered) JOIN does not revive it. */
    public String left(String gatewayId, String connectionId) {
        return prefix + ":presence:left:" + gatewayId + "|" + connectionId;
    }

    /** Sorted set of users typing in a room (member: user id, score: time). */
    public String typing(String room) {
        return prefix + ":presence:typing:" + room;
    }

    /** Throttle of typing frames of one user in one room. */
    public String typingThrottle(String room, long userId) {
        return prefix + ":presence:typing-throttle:" + room + ":" + userId;
    }

    /**
     * Set of the ids of users with at least one live connection anywhere. It and the users'
     * connection sets share the hash tag {@code {online}}, so the script that keeps them together
     * runs on one Redis Cluster slot.
     */
    public String onlineUsers() {
        return prefix + ":presence:{online}:users";
    }

    /** Set of one user's live connections ({@code room|gatewayId|connectionId}), on every gateway. */
    public String userConnections(long userId) {
        return prefix + ":presence:{online}:conns:" + userId;
    }

    /** Lock that lets one instance at a time sweep. */
    public String sweepLock() {
        return prefix + ":presence:sweep-lock";
    }
}
