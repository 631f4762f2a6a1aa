package chat.gateway.ws;

import io.quarkus.security.Authenticated;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/** {@code /ws/chat/private/{room}}: the original client's path for private rooms (public names work too). */
@Authenticated
@WebSocket(path = "/ws/chat/private/{room}", endpointId = PrivateChatEndpoint.ID)
public class PrivateChatEndpoint {

    /** The endpoint id {@link RoomUpgradeCheck} is bound to. */
    public static final String ID = "chat-private-room";

    private final ChatSocketHandler handler;

    public PrivateChatEndpoint(ChatSocketHandler handler) {
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
