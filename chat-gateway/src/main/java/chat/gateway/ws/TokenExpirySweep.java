package chat.gateway.ws;

import chat.gateway.session.ChatSession;
import chat.gateway.session.SessionRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Closes connections whose token expired, with 1008: one timer for all connections, which keep
 * only their expiry time (not the token, nor a timer each).
 */
@ApplicationScoped
public class TokenExpirySweep {

    private static final long SWEEP_MILLIS = 1000;

    private final SessionRegistry sessions;
    private final Vertx vertx;
    private long timer = -1;

    public TokenExpirySweep(SessionRegistry sessions, Vertx vertx) {
        this.sessions = sessions;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(SWEEP_MILLIS, id -> sweep(System.currentTimeMillis()));
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    /** Closes every open connection expired by {@code nowMillis}; returns how many. */
    int sweep(long nowMillis) {
        int closed = 0;
        for (ChatSession session : sessions.sessions()) {
            if (session.expiredAt(nowMillis) && session.isOpen()) {
                session.closeExpired();
                closed++;
            }
        }
        if (closed > 0) {
            Log.infof("closed %d connections whose token expired", closed);
        }
        return closed;
    }
}
