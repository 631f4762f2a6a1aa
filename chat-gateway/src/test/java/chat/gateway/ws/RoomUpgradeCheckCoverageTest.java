package chat.gateway.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.websockets.next.WebSocket;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every WebSocket endpoint of the gateway that opens a room is guarded by {@link RoomUpgradeCheck}
 * (Origin, token, membership, connection limit): a new or renamed room endpoint that the check
 * does not name fails here instead of silently going unchecked.
 */
class RoomUpgradeCheckCoverageTest {

    @Test
    void everyRoomEndpointIsGuarded() throws Exception {
        List<Class<?>> endpoints = webSocketEndpoints();
        assertEquals(2, endpoints.size(), "the gateway's endpoints: " + endpoints);
        for (Class<?> endpoint : endpoints) {
            WebSocket socket = endpoint.getAnnotation(WebSocket.class);
            assertTrue(socket.path().contains("{room}"), endpoint + " is a room endpoint");
            assertTrue(RoomUpgradeCheck.guards(idOf(endpoint, socket)),
                    endpoint.getName() + " (" + socket.path() + ") escapes RoomUpgradeCheck");
        }
    }

    @Test
    void nothingElseIsGuardedByAccident() {
        assertFalse(RoomUpgradeCheck.guards(ChatEndpoint.class.getName()), "ids, not class names");
        assertFalse(RoomUpgradeCheck.guards("chat.gateway.ws.Other"));
    }

    /** The id websockets-next gives the endpoint: its {@code endpointId}, or else its class name. */
    private static String idOf(Class<?> endpoint, WebSocket socket) {
        return WebSocket.FCQN_NAME.equals(socket.endpointId()) ? endpoint.getName() : socket.endpointId();
    }

    /** The gateway's classes annotated {@code @WebSocket}, found in its compiled output. */
    private static List<Class<?>> webSocketEndpoints() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(ChatEndpoint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("chat/gateway"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, RoomUpgradeCheckCoverageTest.class.getClassLoader());
                if (type.isAnnotationPresent(WebSocket.class)) {
                    found.add(type);
                }
            }
        }
        return found;
    }
}
