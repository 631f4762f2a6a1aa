package chat.auth.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The directory as clients see it: every user (one projection query) with presence-service's
 * online view; last-seen times are auth-service's own copy, kept up by {@link LastSeenSync}.
 */
@ApplicationScoped
public class DirectoryService {

    private final UserDirectory directory;
    private final LastSeenSync lastSeen;

    public DirectoryService(UserDirectory directory, LastSeenSync lastSeen) {
        this.directory = directory;
        this.lastSeen = lastSeen;
    }

    /**
     * Every user ordered by username; an online user's last seen is now; everyone is offline with
     * the stored time when presence is away.
     */
    public List<DirectoryEntry> entries() {
        LastSeenSync.Presence presence = lastSeen.pull();
        Instant now = Instant.now();
        List<ListedUser> users = directory.list();
        List<DirectoryEntry> entries = new ArrayList<>(users.size());
        for (ListedUser user : users) {
            boolean online = presence.online().contains(user.userId());
            entries.add(new DirectoryEntry(user.userId(), user.username(), online,
                    online ? now : newer(user.lastSeen(), presence.lastSeen().get(user.userId()))));
        }
        return entries;
    }

    /** The later of the stored time and the one just learnt (the write of which may have failed). */
    private static Instant newer(Instant stored, Instant learnt) {
        if (learnt == null) {
            return stored;
        }
        return stored == null || learnt.isAfter(stored) ? learnt : stored;
    }
}
