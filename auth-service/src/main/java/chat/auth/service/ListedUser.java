package chat.auth.service;

import java.time.Instant;

/** A directory row as stored: the user and their last-seen time (null when never seen offline). */
public record ListedUser(long userId, String username, Instant lastSeen) {
}
