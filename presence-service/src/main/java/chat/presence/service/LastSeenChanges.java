package chat.presence.service;

import java.time.Instant;
import java.util.List;

/** The last-seen times written since a cursor, and the cursor to ask from next time. */
public record LastSeenChanges(List<LastSeen> changes, Instant cursor) {
}
