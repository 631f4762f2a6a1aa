package chat.gateway.client;

/**
 * A message fetched from history, ready to be written to a connection.
 *
 * @param seq   its per-room sequence number
 * @param frame the {@code chat_message} frame
 */
public record StoredMessage(long seq, String frame) {
}
