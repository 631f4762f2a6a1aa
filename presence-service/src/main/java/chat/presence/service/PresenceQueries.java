package chat.presence.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Read side of presence: a room's users, and everyone's online state. */
@ApplicationScoped
public class PresenceQueries {

    private final PresenceStore store;
    private final LastSeenStore lastSeen;
    private final OnlineIndex index;

    public PresenceQueries(PresenceStore store, LastSeenStore lastSeen, OnlineIndex index) {
        this.store = store;
        this.lastSeen = lastSeen;
        this.index = index;
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

    /**
     * Who is online now (one read of the online index) and the last-seen times written since
     * {@code cursor}: what a directory that keeps its own copy of last-seen times needs per call.
     */
    public DirectoryPresence directory(Optional<Instant> cursor) {
        List<Long> online = new ArrayList<>(index.online()); // first: who leaves meanwhile is in the changes
        online.sort(null);
        LastSeenChanges changes = lastSeen.changedSince(cursor);
        return new DirectoryPresence(online, changes.changes(), changes.cursor());
    }
}
