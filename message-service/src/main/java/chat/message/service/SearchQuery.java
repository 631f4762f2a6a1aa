package chat.message.service;

/**
 * A full-text search in one room.
 *
 * @param text  what the caller typed, in web-search syntax ({@code "a phrase"}, {@code or}, {@code -word})
 * @param limit at most this many messages
 */
public record SearchQuery(String text, int limit) {
}
