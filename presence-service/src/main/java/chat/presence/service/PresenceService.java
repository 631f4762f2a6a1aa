package chat.presence.service;

import chat.events.Origin;
import chat.events.PresenceCommand;
import chat.events.RoomNames;
import chat.presence.config.PresenceConfig;
import chat.presence.stream.RoomEventPublisher;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies presence commands: JOIN/LEAVE change a room's connections, HEARTBEAT keeps a gateway
 * alive, TYPING is relayed (throttled). Each joining connection gets the room's {@code user_list}
 * at once; the room learns of joins and leaves through broadcasts paced by {@link UserListPacing}
 * (at most about one per room per {@code chat.presence.user-list-interval}), so a burst of N
 * joiners does not cost N x N frames.
 */
@ApplicationScoped
public class PresenceService {

    /** A connection that joined in the batch being applied. */
    private record Joiner(String room, Origin connection) {
    }

    /** A JOIN waiting to be recorded with the ones next to it in the stream (one round trip for all). */
    private record PendingJoin(PresenceCommand command, Connection connection) {
    }

    private final PresenceStore store;
    private final LastSeenStore lastSeen;
    private final RoomEventPublisher events;
    private final UserListPacing pacing;

    public PresenceService(PresenceStore store, LastSeenStore lastSeen, RoomEventPublisher events,
            PresenceConfig config) {
        this.store = store;
        this.lastSeen = lastSeen;
        this.events = events;
        this.pacing = new UserListPacing(config.userListInterval().toMillis());
    }

    /**
     * Applies commands in stream order; answers the joiners and publishes the room lists that are
     * due. A run of JOINs (or of LEAVEs) is written in one round trip; the last run of the batch
     * carries the reads of every room the batch changed, and the lists go in one more.
     */
    public void apply(List<PresenceCommand> commands) {
        List<Joiner> joiners = new ArrayList<>();
        List<OnlineUser> left = new ArrayList<>();
        List<PendingJoin> joins = new ArrayList<>();
        List<PresenceStore.Leave> leaves = new ArrayList<>();
        Set<String> changed = new LinkedHashSet<>();
        long now = System.currentTimeMillis();
        for (PresenceCommand command : commands) {
            if (command.kind() == null) {
                Log.warn("presence: command without kind ignored");
                continue;
            }
            // stream order: a run of JOINs (or of LEAVEs) is recorded before what follows it
            if (command.kind() == PresenceCommand.Kind.JOIN) {
                recordLeaves(leaves, List.of());
                Connection connection = connectionOf(command);
                if (connection != null) {
                    joins.add(new PendingJoin(command, connection));
                    changed.add(command.room());
                }
                continue;
            }
            recordJoins(joins, joiners, now, List.of());
            if (command.kind() == PresenceCommand.Kind.LEAVE) {
                if (leave(command, leaves, left)) {
                    changed.add(command.room());
                }
                continue;
            }
            recordLeaves(leaves, List.of());
            switch (command.kind()) {
                case HEARTBEAT -> heartbeat(command);
                case TYPING -> typing(command, now);
                default -> throw new IllegalStateException("unhandled " + command.kind());
            }
        }
        Map<String, List<String>> usernames;
        if (!joins.isEmpty()) {
            usernames = recordJoins(joins, joiners, now, changed);
        } else if (!leaves.isEmpty()) {
            usernames = recordLeaves(leaves, changed);
        } else {
            usernames = store.usernames(changed);
        }
        lastSeen.seen(left, Instant.ofEpochMilli(now));
        publishUserLists(joiners, pacing.due(System.currentTimeMillis(), changed), usernames);
    }

    /** Rooms whose connections changed outside the command stream (a dead gateway's were removed). */
    public void publishUserLists(Set<String> rooms) {
        rooms.forEach(room -> pacing.changed(room, 0));
        publishDueUserLists();
    }

    /** Broadcasts the lists whose quiet interval has passed (changes that came within it wait for this). */
    @Scheduled(identity = "presence-user-lists", every = "${chat.presence.user-list-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publishDueUserLists() {
        List<UserListPacing.Due> due = pacing.due(System.currentTimeMillis());
        if (!due.isEmpty()) {
            publishUserLists(List.of(), due, store.usernames(due.stream().map(UserListPacing.Due::room).toList()));
        }
    }

    /**
     * Each joining connection gets its room's list (one entry per room for all its joiners of the
     * batch), then the rooms due get theirs, in one round trip.
     */
    private void publishUserLists(List<Joiner> joiners, List<UserListPacing.Due> due,
            Map<String, List<String>> usernames) {
        if (joiners.isEmpty() && due.isEmpty()) {
            return;
        }
        Map<String, List<Origin>> byRoom = new LinkedHashMap<>();
        for (Joiner joiner : joiners) {
            byRoom.computeIfAbsent(joiner.room(), room -> new ArrayList<>()).add(joiner.connection());
        }
        List<RoomEventPublisher.RoomList> roomLists = due.stream()
                .map(d -> new RoomEventPublisher.RoomList(d.room(), d.excludeUserId())).toList();
        events.userLists(byRoom, roomLists, usernames);
    }

    /**
     * Records the pending joins together, then reads {@code roomsToRead}, in one round trip; a late
     * join (its connection already left) is ignored. Returns the rooms' usernames.
     */
    private Map<String, List<String>> recordJoins(List<PendingJoin> joins, List<Joiner> joiners, long now,
            Collection<String> roomsToRead) {
        if (joins.isEmpty()) {
            return Map.of();
        }
        PresenceStore.Joined joined = store.joinAll(
                joins.stream().map(join -> new PresenceStore.Join(join.command().room(), join.connection())).toList(),
                now, roomsToRead);
        for (int i = 0; i < joins.size(); i++) {
            PresenceCommand command = joins.get(i).command();
            if (!joined.recorded().get(i)) {
                Log.debugf("presence: late join of connection %s ignored, it already left",
                        command.origin().connectionId());
                continue;
            }
            joiners.add(new Joiner(command.room(), command.origin()));
            pacing.changed(command.room(), command.userId());
        }
        joins.clear();
        return joined.usernames();
    }

    /** Records the pending leaves together, then reads {@code roomsToRead}, in one round trip. */
    private Map<String, List<String>> recordLeaves(List<PresenceStore.Leave> leaves, Collection<String> roomsToRead) {
        if (leaves.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> usernames = store.leaveAll(leaves, roomsToRead);
        for (PresenceStore.Leave leave : leaves) {
            pacing.changed(leave.room(), 0);
        }
        leaves.clear();
        return usernames;
    }

    private void heartbeat(PresenceCommand command) {
        if (command.origin() == null || isBlank(command.origin().gatewayId())) {
            Log.warn("presence: heartbeat without gateway id ignored");
            return;
        }
        store.heartbeat(command.origin().gatewayId());
    }

    /** Queues a LEAVE to be recorded with the ones next to it; false when it is malformed. */
    private boolean leave(PresenceCommand command, List<PresenceStore.Leave> leaves, List<OnlineUser> left) {
        Connection connection = connectionOf(command);
        if (connection == null) {
            return false;
        }
        leaves.add(new PresenceStore.Leave(command.room(), connection));
        left.add(new OnlineUser(command.userId(), command.username()));
        return true;
    }

    /** The connection a JOIN or LEAVE names; null (logged) when the command is malformed. */
    private static Connection connectionOf(PresenceCommand command) {
        if (!validRoom(command.room()) || command.origin() == null || isBlank(command.origin().gatewayId())
                || isBlank(command.origin().connectionId()) || command.userId() <= 0 || isBlank(command.username())) {
            Log.warnf("presence: malformed %s ignored (room valid: %s)", command.kind(), validRoom(command.room()));
            return null;
        }
        return new Connection(command.origin().gatewayId(), command.origin().connectionId(), command.userId(),
                command.username());
    }

    private void typing(PresenceCommand command, long now) {
        if (!validRoom(command.room()) || command.userId() <= 0 || isBlank(command.username())) {
            Log.warn("presence: malformed typing ignored");
            return;
        }
        if (store.claimTyping(command.room(), command.userId())) {
            store.markTyping(command.room(), command.userId(), now);
            events.typing(command.room(), command.userId(), command.username());
        }
    }

    /** A public room name or a well-formed private one (the gateway checked membership). */
    static boolean validRoom(String room) {
        return RoomNames.isPublic(room) || RoomNames.parsePrivate(room).isPresent();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
