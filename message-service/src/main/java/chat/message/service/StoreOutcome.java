package chat.message.service;

import chat.events.SendMessage;
import chat.message.entity.StoredMessage;

/**
 * What became of one message command.
 *
 * @param command   the command
 * @param message   the stored message (new, or the earlier one with the same idempotency key)
 * @param duplicate true when the command repeated an earlier one and nothing new was stored
 */
public record StoreOutcome(SendMessage command, StoredMessage message, boolean duplicate) {
}
