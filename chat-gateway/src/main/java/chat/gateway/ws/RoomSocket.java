package chat.gateway.ws;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/**
 * The callbacks of a room's WebSocket, handed to {@link ChatSocketHandler}; each path is one
 * subclass because websockets-next binds one path per endpoint class.
 */
abstract class RoomSocket {

    private final ChatSocketHandler handler;

    RoomSocket(ChatSocketHandler handler) {
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
