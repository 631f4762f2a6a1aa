package chat.auth.service;

import chat.auth.client.PresenceClient;
import chat.auth.client.PresenceStatus;
import chat.auth.entity.AppUser;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The directory as clients see it: every user with presence-service's online and last-seen view. */
@ApplicationScoped
public class DirectoryService {

    private final UserDirectory directory;
    private final PresenceClient presence;

    public DirectoryService(UserDirectory directory, PresenceClient presence) {
        this.directory = directory;
        this.presence = presence;
    }

    /** Every user ordered by username; offline with the stored last-seen time when presence is away. */
    public List<DirectoryEntry> entries() {
        List<AppUser> users = directory.list();
        Map<Long, PresenceStatus> statuses = presence.statuses();
        List<DirectoryEntry> entries = new ArrayList<>(users.size());
        Map<Long, Instant> newer = new HashMap<>();
        for (AppUser user : users) {
            PresenceStatus status = statuses.get(user.userId);
            Instant lastSeen = user.lastSeen;
            if (status != null && status.lastSeen() != null
                    && (lastSeen == null || status.lastSeen().isAfter(lastSeen))) {
                lastSeen = status.lastSeen();
                if (!status.online()) {
                    newer.put(user.userId, lastSeen);
                }
            }
            entries.add(new DirectoryEntry(user.userId, user.username, status != null && status.online(), lastSeen));
        }
        directory.recordLastSeen(newer);
        return entries;
    }
}
