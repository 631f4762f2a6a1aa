package chat.presence.service;

import chat.events.PresenceCommand;
import chat.events.RoomNames;
import chat.presence.stream.RoomEventPublisher;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies presence commands: JOIN/LEAVE change a room's connections, HEARTBEAT keeps a gateway
 * alive, TYPING is relayed (throttled). The changes of one batch give one {@code user_list} per
 * room, so bursts of joins coalesce.
 */
@ApplicationScoped
public class PresenceService {

    private final PresenceStore store;
    private final LastSeenStore lastSeen;
    private final RoomEventPublisher events;

    public PresenceService(PresenceStore store, LastSeenStore lastSeen, RoomEventPublisher events) {
        this.store = store;
        this.lastSeen = lastSeen;
        this.events = events;
    }

    /** Applies commands in stream order; publishes the user lists of the rooms they touched. */
    public void apply(List<PresenceCommand> commands) {
        Set<String> touched = new LinkedHashSet<>();
        List<OnlineUser> left = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (PresenceCommand command : commands) {
            if (command.kind() == null) {
                Log.warn("presence: command without kind ignored");
                continue;
            }
            switch (command.kind()) {
                case HEARTBEAT -> heartbeat(command);
                case JOIN -> connection(command, touched, left, now, true);
                case LEAVE -> connection(command, touched, left, now, false);
                case TYPING -> typing(command, now);
            }
        }
        lastSeen.seen(left, Instant.ofEpochMilli(now));
        publishUserLists(touched);
    }

    /** Publishes the current user list of each room. */
    public void publishUserLists(Set<String> rooms) {
        for (String room : rooms) {
            events.userList(room, store.usernames(room));
        }
    }

    private void heartbeat(PresenceCommand command) {
        if (command.origin() == null || isBlank(command.origin().gatewayId())) {
            Log.warn("presence: heartbeat without gateway id ignored");
            return;
        }
        store.heartbeat(command.origin().gatewayId());
    }

    private void connection(PresenceCommand command, Set<String> touched, List<OnlineUser> left, long now,
            boolean join) {
        if (!validRoom(command.room()) || command.origin() == null || isBlank(command.origin().gatewayId())
                || isBlank(command.origin().connectionId()) || command.userId() <= 0 || isBlank(command.username())) {
            Log.warnf("presence: malformed %s ignored (room valid: %s)", command.kind(), validRoom(command.room()));
            return;
        }
        Connection connection = new Connection(command.origin().gatewayId(), command.origin().connectionId(),
                command.userId(), command.username());
        if (join) {
            if (!store.join(command.room(), connection, now)) {
                Log.debugf("presence: late join of connection %s ignored, it already left", connection.connectionId());
                return;
            }
        } else {
            store.leave(command.room(), connection);
            left.add(new OnlineUser(command.userId(), command.username()));
        }
        touched.add(command.room());
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
