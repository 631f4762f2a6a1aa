package chat.gateway.security;

import chat.events.ErrorCode;
import chat.events.rest.ApiError;
import chat.gateway.ws.OriginPolicy;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Logout only by a POST from the web client's own pages (against cross-site request forgery):
 * other methods get 405, a POST without an {@code Origin} of ours (or that the browser marks as
 * cross-site) gets 403. What passes goes on to the login tenant's logout (Keycloak's end of the
 * session, then back to {@code /}). The session cookie is SameSite=Lax as well, so a cross-site
 * POST carries no session in the first place.
 */
@ApplicationScoped
public class LogoutGuard {

    /** The logout path of the {@code web} tenant ({@code quarkus.oidc.web.logout.path}). */
    public static final String PATH = "/logout";

    private final OriginPolicy origins;

    public LogoutGuard(OriginPolicy origins) {
        this.origins = origins;
    }

    void register(@Observes Router router) {
        // before authentication: the login tenant would otherwise log out on any method
        router.route(PATH).order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext rc) {
        if (rc.request().method() != HttpMethod.POST) {
            refuse(rc, ErrorCode.METHOD_NOT_ALLOWED, "log out with POST");
            return;
        }
        String site = rc.request().getHeader("Sec-Fetch-Site");
        boolean sameSite = site == null || site.equals("same-origin") || site.equals("same-site");
        String origin = rc.request().getHeader("Origin");
        if (origin == null || !(isOwn(rc.request(), origin) || origins.permits(rc.request())) || !sameSite) {
            refuse(rc, ErrorCode.FORBIDDEN, "log out from the chat's own page");
            return;
        }
        rc.next();
    }

    /** Whether the Origin names this server as the request reached it (HTTP/2 has no Host header, only the authority). */
    private static boolean isOwn(HttpServerRequest request, String origin) {
        HostAndPort authority = request.authority();
        int scheme = origin.indexOf("://");
        if (authority == null || scheme < 0) {
            return false;
        }
        String own = authority.port() >= 0 ? authority.host() + ":" + authority.port() : authority.host();
        return origin.substring(scheme + 3).equalsIgnoreCase(own);
    }

    private static void refuse(RoutingContext rc, ErrorCode code, String reason) {
        int status = code.status();
        if (code == ErrorCode.METHOD_NOT_ALLOWED) {
            rc.response().putHeader("Allow", "POST");
        }
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(ApiError.of(code, reason).encode());
    }
}
