package chat.presence.service;

import chat.events.config.StreamsConfig;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who is online anywhere, kept beside the rooms' connections: each user's set of live connections
 * and the set of users whose set is not empty. A join adds to both; a leave, a late join taken back
 * and a sweep remove the connection and, in the same script, the user once their last connection
 * is gone. Reading who is online then costs one set read, whatever the number of connections.
 *
 * <p>The requests are written into {@link PresenceStore}'s pipelines, next to the room writes they
 * go with; the order inside a pipeline is what keeps the index exact (see each method).
 */
@ApplicationScoped
public class OnlineIndex {

    /** Removes a connection; the user leaves the online set with their last one (atomic: no join slips in between). */
    private static final String REMOVE_SCRIPT = """
            redis.call('SREM', KEYS[1], ARGV[1])
            if redis.call('SCARD', KEYS[1]) == 0 then
              redis.call('SREM', KEYS[2], ARGV[2])
            end
            return 0""";

    private final Redis redis;
    private final PresenceKeys k;

    public OnlineIndex(Redis redis, StreamsConfig streams) {
        this.redis = redis;
        this.k = new PresenceKeys(streams.prefix());
    }

    /**
     * Adds a connection of a room: the user's connection first, then the user. A concurrent
     * removal of the user's last other connection then either runs before both (and the user is
     * added back) or sees this connection and keeps the user.
     */
    public List<Request> add(String room, Connection connection) {
        return List.of(
                Request.cmd(Command.SADD).arg(k.userConnections(connection.userId())).arg(entry(room, connection)),
                Request.cmd(Command.SADD).arg(k.onlineUsers()).arg(connection.userId()));
    }

    /** Removes a connection of a room, and its user when it was their last (idempotent). */
    public Request remove(String room, Connection connection) {
        return remove(connection.userId(), entry(room, connection));
    }

    /** Removes one entry of a user's set ({@link #entry}), and the user when it was their last. */
    public Request remove(long userId, String entry) {
        return Request.cmd(Command.EVAL).arg(REMOVE_SCRIPT).arg(2).arg(k.userConnections(userId))
                .arg(k.onlineUsers()).arg(entry).arg(userId);
    }

    /** Reads the connection sets of these users, in one round trip (a reply per user, in order). */
    public List<Response> connectionsOf(List<Long> userIds) {
        return redis.batchAndAwait(userIds.stream()
                .map(id -> Request.cmd(Command.SMEMBERS).arg(k.userConnections(id))).toList());
    }

    /** The ids of the users with at least one live connection on any gateway. */
    public Set<Long> online() {
        Response members = redis.sendAndAwait(Request.cmd(Command.SMEMBERS).arg(k.onlineUsers()));
        Set<Long> ids = new HashSet<>(members.size() * 2);
        for (Response member : members) {
            ids.add(member.toLong());
        }
        return ids;
    }

    /**
     * A user's connection as the index names it: the gateway's pair {@code room|member}, so that
     * the room member it stands for can be checked (a LEAVE naming another username than its JOIN
     * removes the stored one, see {@link PresenceStore}).
     */
    static String entry(String room, Connection connection) {
        return room + "|" + connection.encode();
    }
}
