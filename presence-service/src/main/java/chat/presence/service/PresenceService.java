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
        long now = System.currentTimeMillis();
        for (PresenceCommand command : commands) {
            if (command.kind() == null) {
                Log.warn("presence: command without kind ignored");
                continue;
            }
            if (command.kind() == PresenceCommand.Kind.JOIN) {
                Connection connection = connectionOf(command);
                if (connection != null) {
                    joins.add(new PendingJoin(command, connection));
                }
                continue;
            }
            // stream order: the joins before this command are recorded before it applies
            recordJoins(joins, joiners, now);
            switch (command.kind()) {
                case HEARTBEAT -> heartbeat(command);
                case LEAVE -> leave(command, left);
                case TYPING -> typing(command, now);
                default -> throw new IllegalStateException("unhandled " + command.kind());
            }
        }
        recordJoins(joins, joiners, now);
        lastSeen.seen(left, Instant.ofEpochMilli(now));
        answerJoiners(joiners);
        publishDueUserLists();
    }

    /** Rooms whose connections changed outside the command stream (a dead gateway's were removed). */
    public void publishUserLists(Set<String> rooms) {
        rooms.forEach(room -> pacing.changed(room, 0));
        publishDueUserLists();
    }

    /** Broadcasts the lists whose quiet interval has passed (changes that came within it wait for this). */
    @Scheduled(identity = "presence-user-lists", every = "${chat.presence.user-list-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publishDueUserLists() {
        for (UserListPacing.Due due : pacing.due(System.currentTimeMillis())) {
            events.userList(due.room(), store.usernames(due.room()), due.excludeUserId());
        }
    }

    /** Each joining connection gets its room's list, read once per room of the batch, all in one round trip. */
    private void answerJoiners(List<Joiner> joiners) {
        Map<String, List<Origin>> byRoom = new LinkedHashMap<>();
        for (Joiner joiner : joiners) {
            byRoom.computeIfAbsent(joiner.room(), room -> new ArrayList<>()).add(joiner.connection());
        }
        events.userListsTo(byRoom, store::usernames);
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

    private void heartbeat(PresenceCommand command) {
        if (command.origin() == null || isBlank(command.origin().gatewayId())) {
            Log.warn("presence: heartbeat without gateway id ignored");
            return;
        }
        store.heartbeat(command.origin().gatewayId());
    }

    private void leave(PresenceCommand command, List<OnlineUser> left) {
        Connection connection = connectionOf(command);
        if (connection == null) {
            return;
        }
        store.leave(command.room(), connection);
        left.add(new OnlineUser(command.userId(), command.username()));
        pacing.changed(command.room(), 0);
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
