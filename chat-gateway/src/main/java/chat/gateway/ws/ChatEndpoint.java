package chat.gateway.ws;

import io.quarkus.websockets.next.WebSocket;

/** {@code /ws/chat/{room}}: public rooms, and private rooms for their two members. */
@WebSocket(path = "/ws/chat/{room}", endpointId = ChatEndpoint.ID)
public class ChatEndpoint extends RoomSocket {

    /** The endpoint id {@link RoomUpgradeCheck} is bound to. */
    public static final String ID = "chat-room";

    public ChatEndpoint(ChatSocketHandler handler) {
        super(handler);
    }
}
