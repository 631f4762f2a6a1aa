package chat.message.service;

/**
 * Who asks for a page of messages: their own read pointer is left out of its read state.
 *
 * @param userId   the caller's directory id, or {@link #UNKNOWN} when auth-service could not say
 * @param username the caller's username (from the token); also identifies them when the id is unknown
 */
public record Reader(long userId, String username) {

    public static final long UNKNOWN = -1;

    public Reader {
        username = username == null ? "" : username;
    }
}
