package chat.load.accounts;

import chat.load.config.LoadOptions;

/**
 * Which account each connection uses, so that a workload stays under the gateway's per-user
 * limits: senders share a user only as far as the user's frame rate allows (with 10% headroom
 * for the pacing jitter of an open-loop sender), idle receivers fill a user up to its connection limit.
 * Connections are numbered globally (room by room), so every process of a run agrees.
 */
public final class UserPlan {

    /** Part of a user's frame rate the plan uses; the rest absorbs senders that fire a little early. */
    static final double HEADROOM = 0.9;

    private final String prefix;
    private final int clientsPerRoom;
    private final int sendersPerRoom;
    private final int sendersPerUser;
    private final int receiversPerUser;
    private final int senderUsers;
    private final int users;

    public UserPlan(LoadOptions options) {
        this(options.userPrefix, options.rooms, options.clientsPerRoom, options.sendersPerRoom, options.rate,
                options.maxConnectionsPerUser, options.userFramesPerSecond, options.connectionFramesPerSecond);
    }

    UserPlan(String prefix, int rooms, int clientsPerRoom, int sendersPerRoom, double rate, int maxConnectionsPerUser,
            double userFramesPerSecond, double connectionFramesPerSecond) {
        this.prefix = prefix;
        this.clientsPerRoom = clientsPerRoom;
        this.sendersPerRoom = sendersPerRoom;
        int senders = rooms * sendersPerRoom;
        int receivers = rooms * (clientsPerRoom - sendersPerRoom);
        if (senders > 0 && rate > connectionFramesPerSecond) {
            throw new IllegalArgumentException(String.format(
                    "one connection may send at most %.0f frames/s (chat.gateway.frames-per-second): --rate %s cannot be sent "
                            + "without rate_limited errors; use more senders at a lower rate",
                    connectionFramesPerSecond, rate));
        }
        sendersPerUser = senders == 0
                ? 1
                : (int) Math.min(maxConnectionsPerUser, Math.floor(userFramesPerSecond * HEADROOM / rate));
        if (sendersPerUser < 1) {
            throw new IllegalArgumentException(String.format(
                    "one user may send at most %.0f frames/s over all its connections (chat.gateway.user-frames-per-second): "
                            + "--rate %s per connection does not fit with %.0f%% headroom",
                    userFramesPerSecond, rate, HEADROOM * 100));
        }
        receiversPerUser = maxConnectionsPerUser;
        senderUsers = ceilDiv(senders, sendersPerUser);
        users = senderUsers + ceilDiv(receivers, receiversPerUser);
    }

    /** Distinct accounts the run needs. */
    public int users() {
        return users;
    }

    public int sendersPerUser() {
        return sendersPerUser;
    }

    public String username(int userIndex) {
        return prefix + "-" + userIndex;
    }

    /** The user index of the connection with this global index. */
    public int userOf(int connection) {
        int room = connection / clientsPerRoom;
        int position = connection % clientsPerRoom;
        if (position < sendersPerRoom) {
            return (room * sendersPerRoom + position) / sendersPerUser;
        }
        int receiver = room * (clientsPerRoom - sendersPerRoom) + position - sendersPerRoom;
        return senderUsers + receiver / receiversPerUser;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
