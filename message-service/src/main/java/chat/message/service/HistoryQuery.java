package chat.message.service;

/**
 * Which page of a room's history to read.
 *
 * @param afterSeq  only messages with a greater seq (the first {@code limit} of them), or null
 * @param beforeSeq only messages with a smaller seq (the last {@code limit} of them), or null
 * @param limit     at most this many messages
 */
public record HistoryQuery(Long afterSeq, Long beforeSeq, int limit) {
}
