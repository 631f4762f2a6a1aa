package chat.events;

/**
 * The gateway connection a command came from, so that answers meant for that connection
 * alone (an {@code ack}, an {@code error}) can find their way back to it.
 *
 * @param gatewayId    instance id of the gateway that holds the connection
 * @param connectionId id of the WebSocket connection within that gateway
 */
public record Origin(String gatewayId, String connectionId) {
}
