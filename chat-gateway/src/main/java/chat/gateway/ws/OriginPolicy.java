package chat.gateway.ws;

import chat.gateway.config.GatewayConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which {@code Origin}s may open a WebSocket (against cross-site WebSocket hijacking): the
 * gateway's own origin, and those configured in {@code chat.gateway.allowed-origins}.
 * Clients that send no Origin (bots, services) are not browsers and are let through.
 */
@ApplicationScoped
public class OriginPolicy {

    private final Set<String> allowed;

    public OriginPolicy(GatewayConfig config) {
        this.allowed = config.gateway().allowedOrigins().orElse(List.of()).stream()
                .map(OriginPolicy::normalise).collect(Collectors.toUnmodifiableSet());
    }

    public boolean permits(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        String normalised = normalise(origin);
        if (allowed.contains(normalised)) {
            return true;
        }
        String host = request.getHeader("Host");
        return host != null && (normalised.equals("http://" + host.toLowerCase(Locale.ROOT))
                || normalised.equals("https://" + host.toLowerCase(Locale.ROOT)));
    }

    private static String normalise(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
