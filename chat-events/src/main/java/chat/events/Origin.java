package chat.events;

/**
 * The gateway connection a command came from, so that answers meant for that connection
 * alone (an {@code ack}, an {@code error}) can find their way back to it.
 *
 * @param gatewayId    instance id of the gateway that holds the connection
 * @param connectionId id of the WebSocket connection within that gateway
 * @param frameRef     the gateway's reference of the frame being answered (its idempotency key),
 *                     or null; the gateway matches each answer to the frame waiting for it, so a
 *                     frame gets exactly one answer even when it timed out meanwhile
 */
public record Origin(String gatewayId, String connectionId, String frameRef) {

    /** An origin whose answers need no matching (presence, read receipts). */
    public Origin(String gatewayId, String connectionId) {
        this(gatewayId, connectionId, null);
    }
}
