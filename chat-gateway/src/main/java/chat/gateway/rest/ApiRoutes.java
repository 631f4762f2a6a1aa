package chat.gateway.rest;

import chat.events.ErrorCode;
import chat.events.rest.ApiError;
import chat.gateway.config.GatewayConfig;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.proxy.handler.ProxyHandler;
import io.vertx.httpproxy.HttpProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;

/**
 * Routes {@code /api/*} to the service that owns each path, so that clients need one
 * origin. A browser authenticated by the gateway's session cookie is forwarded with its
 * access token as a bearer header; cookies never leave the gateway. The services learn the
 * client's address from {@code X-Forwarded-For}, which the gateway sets itself (never passes on
 * a client's own), so that per-address limits (signup) count clients, not the gateway.
 */
@ApplicationScoped
public class ApiRoutes {

    private static final String NOT_FOUND = ApiError.of(ErrorCode.NOT_FOUND, "no such API").encode();

    void register(@Observes Router router, Vertx vertx, GatewayConfig config) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(64).setKeepAlive(true));
        GatewayConfig.Services services = config.services();
        ProxyHandler auth = proxy(client, services.auth());
        ProxyHandler message = proxy(client, services.message());
        ProxyHandler media = proxy(client, services.media());
        ProxyHandler presence = proxy(client, services.presence());

        router.route("/api/*").order(-10).handler(ApiRoutes::forwardSessionAsBearer);
        router.routeWithRegex("/api/rooms/[^/]+/presence/?").handler(presence);
        router.route("/api/rooms/*").handler(message);
        router.route("/api/conversations*").handler(message);
        router.route("/api/media*").handler(media);
        router.route("/api/users*").handler(auth);
        router.route("/api/signup").handler(auth);
        router.route("/api/private-rooms*").handler(auth);
        router.route("/api/*").handler(rc -> rc.response().setStatusCode(404)
                .putHeader("Content-Type", "application/json").end(NOT_FOUND));
    }

    private static ProxyHandler proxy(HttpClient client, String baseUrl) {
        URI uri = URI.create(baseUrl);
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        return ProxyHandler.create(HttpProxy.reverseProxy(client).origin(port, uri.getHost()));
    }

    private static void forwardSessionAsBearer(RoutingContext rc) {
        rc.request().headers().remove("Cookie");
        rc.request().headers().remove("Forwarded");
        rc.request().headers().set("X-Forwarded-For", rc.request().remoteAddress().hostAddress());
        if (rc.request().getHeader("Authorization") == null && rc.user() instanceof QuarkusHttpUser user) {
            AccessTokenCredential token = user.getSecurityIdentity().getCredential(AccessTokenCredential.class);
            if (token != null) {
                rc.request().headers().set("Authorization", "Bearer " + token.getToken());
            }
        }
        rc.next();
    }
}
