package chat.gateway.ws;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * Drops the upgrade request's headers that nothing needs once the upgrade is decided.
 * websockets-next keeps the upgrade request (and a copy of its headers, made when the socket
 * opens) for the socket's whole life; the bearer token alone is 1-2 KB per connection and a
 * browser session's cookies several KB. What the handshake itself still reads (Host, Upgrade,
 * Connection, the Sec-WebSocket-* headers) stays.
 */
final class UpgradeHeaders {

    /** Credentials (already verified) and headers no socket reads after its upgrade. */
    static final List<String> DROPPED = List.of("Authorization", "Cookie", "User-Agent", "Accept",
            "Accept-Language", "Accept-Encoding", "Cache-Control", "Pragma", "Referer");

    private UpgradeHeaders() {
    }

    /** Called once the upgrade is permitted, before the socket opens. */
    static void dropAfterDecision(HttpServerRequest request) {
        MultiMap headers = request.headers();
        for (String name : DROPPED) {
            headers.remove(name);
        }
    }
}
