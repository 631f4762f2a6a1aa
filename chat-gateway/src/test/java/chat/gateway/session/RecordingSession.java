package chat.gateway.session;

import chat.gateway.client.ChatUser;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import java.lang.reflect.Proxy;
import java.util.List;

/** A session over a stand-in connection that records the seq of each message written to it. */
final class RecordingSession {

    private final List<Long> written;

    RecordingSession(List<Long> written) {
        this.written = written;
    }

    ChatSession session() {
        WebSocketConnection connection = (WebSocketConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WebSocketConnection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "id" -> "conn-1";
                    case "isOpen" -> true;
                    case "sendText" -> {
                        written.add(Long.parseLong(((String) args[0]).substring(1)));
                        yield Uni.createFrom().voidItem();
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new ChatSession(connection, new ChatUser(1, "alice"), "r", new RateLimiter(1000, 1000), () -> true, () -> { });
    }
}
