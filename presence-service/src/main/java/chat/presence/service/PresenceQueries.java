package chat.presence.service;

import chat.presence.entity.UserLastSeen;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Read side of presence: a room's users, and everyone's online state. */
@ApplicationScoped
public class PresenceQueries {

    private final PresenceStore store;
    private final LastSeenStore lastSeen;

    public PresenceQueries(PresenceStore store, LastSeenStore lastSeen) {
        this.store = store;
        this.lastSeen = lastSeen;
    }

    /** The distinct users online in a room, ordered by username, with their typing state. */
    public RoomPresence room(String room) {
        long now = System.currentTimeMillis();
        Set<Long> typing = store.typing(room, now);
        Map<Long, PresentUser> users = new LinkedHashMap<>();
        for (Connection c : store.connections(room)) {
            users.putIfAbsent(c.userId(), new PresentUser(c.userId(), c.username(), typing.contains(c.userId())));
        }
        List<PresentUser> sorted = new ArrayList<>(users.values());
        sorted.sort(Comparator.comparing(PresentUser::username).thenComparingLong(PresentUser::userId));
        return new RoomPresence(room, sorted);
    }

    /** Every known user: online ones from Redis (seen now), the others from their last-seen row. */
    public List<UserStatus> everyone() {
        Instant now = Instant.now();
        Map<Long, String> online = store.onlineUsers();
        Map<Long, UserStatus> all = new LinkedHashMap<>();
        for (UserLastSeen row : lastSeen.all()) {
            boolean isOnline = online.containsKey(row.userId);
            all.put(row.userId, new UserStatus(row.userId, isOnline ? online.get(row.userId) : row.username,
                    isOnline, isOnline ? now : row.lastSeen));
        }
        online.forEach((id, name) -> all.putIfAbsent(id, new UserStatus(id, name, true, now)));
        List<UserStatus> sorted = new ArrayList<>(all.values());
        sorted.sort(Comparator.comparingLong(UserStatus::userId));
        return sorted;
    }
}
