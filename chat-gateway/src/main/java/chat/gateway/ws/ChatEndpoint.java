package chat.gateway.ws;

import io.quarkus.security.Authenticated;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/** {@code /ws/chat/{room}}: public rooms, and private rooms for their two members. */
@Authenticated
@WebSocket(path = "/ws/chat/{room}", endpointId = ChatEndpoint.ID)
public class ChatEndpoint {

    /** The endpoint id {@link RoomUpgradeCheck} is bound to. */
    public static final String ID = "chat-room";

    private final ChatSocketHandler handler;

    public ChatEndpoint(ChatSocketHandler handler) {
        this.handler = handler;
    }

    @OnOpen
    Uni<Void> onOpen(WebSocketConnection connection) {
        return handler.open(connection);
    }

    @OnTextMessage
    Uni<Void> onMessage(String message, WebSocketConnection connection) {
        return handler.message(connection, message);
    }

    @OnClose
    void onClose(WebSocketConnection connection) {
        handler.close(connection);
    }

    @OnError
    void onError(Throwable failure, WebSocketConnection connection) {
        handler.failed(connection, failure);
    }
}
