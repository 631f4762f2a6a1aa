package chat.gateway.ws;

import io.quarkus.websockets.next.WebSocket;

/** {@code /ws/chat/private/{room}}: the original client's path for private rooms (public names work too). */
@WebSocket(path = "/ws/chat/private/{room}", endpointId = PrivateChatEndpoint.ID)
public class PrivateChatEndpoint extends RoomSocket {

    /** The endpoint id {@link RoomUpgradeCheck} is bound to. */
    public static final String ID = "chat-private-room";

    public PrivateChatEndpoint(ChatSocketHandler handler) {
        super(handler);
    }
}
