package chat.gateway.session;

import chat.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Closes connections whose token (or login session) has expired: a WebSocket must not
 * outlive the credentials it was opened with. Clients reconnect with fresh ones.
 */
@ApplicationScoped
public class SessionExpiry {

    private final SessionRegistry registry;
    private final Vertx vertx;
    private final long periodMillis;

    public SessionExpiry(SessionRegistry registry, Vertx vertx, GatewayConfig config) {
        this.registry = registry;
        this.vertx = vertx;
        this.periodMillis = config.gateway().expiryCheckInterval().toMillis();
    }

    void start(@Observes StartupEvent event) {
        vertx.setPeriodic(periodMillis, id -> closeExpired());
    }

    void closeExpired() {
        long now = System.currentTimeMillis() / 1000;
        for (ChatSession session : registry.sessions()) {
            if (session.expiredAt(now)) {
                Log.infof("connection %s: token of user %d expired, closing", session.id(), session.user().userId());
                session.closeExpired();
            }
        }
    }
}
