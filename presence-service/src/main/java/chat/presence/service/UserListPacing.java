package chat.presence.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides when a room's {@code user_list} goes to the whole room: at once after a change when the
 * room had no broadcast within the interval, else once when the interval has passed, covering
 * every change meanwhile. A burst of N joiners thus costs the room about one broadcast per
 * interval instead of one per join (which would be N x N frames); each joiner gets its own list
 * at once, apart from these.
 *
 * <p>Thread-safe: the command consumer reports changes, the scheduler asks for what is due.
 */
final class UserListPacing {

    /** A room whose list is to be broadcast now; {@code excludeUserId} (0: none) already has it. */
    record Due(String room, long excludeUserId) {
    }

    /** What changed in a room since its last broadcast, and when the next one may go. */
    private static final class RoomState {

        long quietUntil;
        boolean pending;
        /** The only user whose connections joined since the last broadcast; 0 none yet, -1 several or a leave. */
        long soleJoiner;

        void change(long joinedUserId) {
            if (joinedUserId <= 0 || (soleJoiner != 0 && soleJoiner != joinedUserId)) {
                soleJoiner = -1;
            } else {
                soleJoiner = joinedUserId;
            }
            pending = true;
        }

        Due sent(String room, long now, long interval) {
            Due due = new Due(room, Math.max(0, soleJoiner));
            pending = false;
            soleJoiner = 0;
            quietUntil = now + interval;
            return due;
        }
    }

    private final long intervalMillis;
    private final Map<String, RoomState> rooms = new HashMap<>();

    UserListPacing(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    /** Records that a connection of {@code joinedUserId} joined the room (0: a connection left). */
    synchronized void changed(String room, long joinedUserId) {
        rooms.computeIfAbsent(room, r -> new RoomState()).change(joinedUserId);
    }

    /**
     * The rooms to broadcast now: changed rooms whose quiet interval has passed. A joiner who is
     * the room's only change since its last broadcast is left out of it (it got its own list);
     * rooms quiet for a whole interval are forgotten.
     */
    synchronized List<Due> due(long now) {
        return due(now, null);
    }

    /**
     * The rooms among {@code among} to broadcast now (the others wait for a later call), by the same
     * rule as {@link #due(long)}: a batch that has just read these rooms publishes their lists.
     */
    synchronized List<Due> due(long now, Set<String> among) {
        List<Due> due = new ArrayList<>();
        for (Iterator<Map.Entry<String, RoomState>> it = rooms.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, RoomState> entry = it.next();
            if (among != null && !among.contains(entry.getKey())) {
                continue;
            }
            RoomState state = entry.getValue();
            if (now < state.quietUntil) {
                continue;
            }
            if (state.pending) {
                due.add(state.sent(entry.getKey(), now, intervalMillis));
            } else {
                it.remove();
            }
        }
        return due;
    }

    /** Rooms remembered (changed or within their quiet interval). */
    synchronized int size() {
        return rooms.size();
    }
}
