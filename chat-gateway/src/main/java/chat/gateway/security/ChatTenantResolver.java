package chat.gateway.security;

import io.quarkus.oidc.TenantResolver;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Picks how a request is authenticated: a bearer token (default tenant, 401 without one),
 * or the browser session set by the gateway's own login ({@code web} tenant, code flow).
 *
 * <p>Only {@code /login} starts a login redirect; WebSocket upgrades and API calls without
 * credentials get 401, never a redirect.
 */
@ApplicationScoped
public class ChatTenantResolver implements TenantResolver {

    /** The code-flow tenant of the browser login. */
    public static final String WEB = "web";
    private static final String SESSION_COOKIE = "q_session_" + WEB;

    @Override
    public String resolve(RoutingContext context) {
        String path = context.normalizedPath();
        if (path.equals("/login") || path.startsWith("/login/") || path.equals("/logout")) {
            return WEB;
        }
        if (context.request().getHeader("Authorization") != null) {
            return null;
        }
        if (context.request().getCookie(SESSION_COOKIE) != null || hasChunkedSessionCookie(context)) {
            return WEB;
        }
        return null;
    }

    private static boolean hasChunkedSessionCookie(RoutingContext context) {
        return context.request().getCookie(SESSION_COOKIE + "_chunk_1") != null;
    }
}
