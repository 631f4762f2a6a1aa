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

    /** Applies commands in stream order; answers the joiners and publishes the room lists that are due. */
    public void apply(List<PresenceCommand> commands) {
        List<Joiner> joiners = new ArrayList<>();
        List<OnlineUser> left = new ArrayList<>();
        List<PendingJoin> joins = new ArrayList<>();
        List<PresenceStore.Leave> leaves = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (PresenceCommand command : commands) {
            if (command.kind() == null) {
                Log.warn("presence: command without kind ignored");
                continue;
            }
            // stream order: a run of JOINs (or of LEAVEs) is recorded together, before what follows it
            if (command.kind() == PresenceCommand.Kind.JOIN) {
                recordLeaves(leaves);
                Connection connection = connectionOf(command);
                if (connection != null) {
                    joins.add(new PendingJoin(command, connection));
                }
                continue;
            }
            recordJoins(joins, joiners, now);
            if (command.kind() == PresenceCommand.Kind.LEAVE) {
                leave(command, leaves, left);
                continue;
            }
            recordLeaves(leaves);
            switch (command.kind()) {
                case HEARTBEAT -> heartbeat(command);
                case TYPING -> typing(command, now);
                default -> throw new IllegalStateException("unhandled " + command.kind());
            }
        }
        recordJoins(joins, joiners, now);
        recordLeaves(leaves);
        lastSeen.seen(left, Instant.ofEpochMilli(now));
        publishUserLists(joiners, pacing.due(System.currentTimeMillis()));
    }

    /** Rooms whose connections changed outside the command stream (a dead gateway's were removed). */
    public void publishUserLists(Set<String> rooms) {
        rooms.forEach(room -> pacing.changed(room, 0));
        publishDueUserLists();
    }

    /** Broadcasts the lists whose quiet interval has passed (changes that came within it wait for this). */
    @Scheduled(identity = "presence-user-lists", every = "${chat.presence.user-list-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publishDueUserLists() {
        publishUserLists(List.of(), pacing.due(System.currentTimeMillis()));
    }

    /**
     * Each joining connection gets its room's list (one entry per room for all its joiners of the
     * batch), then the rooms due get theirs: the rooms' names read in one round trip, the lists
     * published in another.
     */
    private void publishUserLists(List<Joiner> joiners, List<UserListPacing.Due> due) {
        if (joiners.isEmpty() && due.isEmpty()) {
            return;
        }
        Map<String, List<Origin>> byRoom = new LinkedHashMap<>();
        for (Joiner joiner : joiners) {
            byRoom.computeIfAbsent(joiner.room(), room -> new ArrayList<>()).add(joiner.connection());
        }
        Set<String> rooms = new LinkedHashSet<>(byRoom.keySet());
        List<RoomEventPublisher.RoomList> roomLists = new ArrayList<>(due.size());
        for (UserListPacing.Due d : due) {
            rooms.add(d.room());
            roomLists.add(new RoomEventPublisher.RoomList(d.room(), d.excludeUserId()));
        }
        events.userLists(byRoom, roomLists, store.usernames(rooms));
    }

    /** Records the pending joins together; a late join (its connection already left) is ignored. */
    private void recordJoins(List<PendingJoin> joins, List<Joiner> joiners, long now) {
        if (joins.isEmpty()) {
            return;
        }
        List<Boolean> recorded = store.joinAll(
                joins.stream().map(join -> new PresenceStore.Join(join.command().room(), join.connection())).toList(),
                now);
        for (int i = 0; i < joins.size(); i++) {
            PresenceCommand command = joins.get(i).command();
            if (!recorded.get(i)) {
                Log.debugf("presence: late join of connection %s ignored, it already left",
                        command.origin().connectionId());
                continue;
            }
            joiners.add(new Joiner(command.room(), command.origin()));
            pacing.changed(command.room(), command.userId());
        }
        joins.clear();
    }

    /** Records the pending leaves together (one round trip). */
    private void recordLeaves(List<PresenceStore.Leave> leaves) {
        if (leaves.isEmpty()) {
            return;
        }
        store.leaveAll(leaves);
        for (PresenceStore.Leave leave : leaves) {
            pacing.changed(leave.room(), 0);
        }
        leaves.clear();
    }

    private void heartbeat(PresenceCommand command) {
        if (command.origin() == null || isBlank(command.origin().gatewayId())) {
            Log.warn("presence: heartbeat without gateway id ignored");
            return;
        }
        store.heartbeat(command.origin().gatewayId());
    }

    private void leave(PresenceCommand command, List<PresenceStore.Leave> leaves, List<OnlineUser> left) {
        Connection connection = connectionOf(command);
        if (connection == null) {
            return;
        }
        leaves.add(new PresenceStore.Leave(command.room(), connection));
        left.add(new OnlineUser(command.userId(), command.username()));
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
