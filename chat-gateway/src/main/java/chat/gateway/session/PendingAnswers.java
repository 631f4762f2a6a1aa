package chat.gateway.session;

import chat.events.ErrorCode;
import chat.gateway.config.GatewayConfig;
import chat.gateway.limits.InFlightLimit;
import chat.gateway.metrics.GatewayMetrics;
import chat.gateway.frames.ServerFrames;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Makes sure every message frame gets exactly one answer. A frame handed to a stream waits
 * here for its {@code ack} or {@code error}; if none came within the bounded wait (storage
 * down, a service away) the sender gets {@code error unavailable} with its {@code client_id},
 * and an answer arriving later is dropped (a retry with the same {@code client_id} is safe:
 * it is acknowledged with the stored message).
 *
 * <p>One queue for the whole gateway, in deadline order (every wait is equally long), swept by
 * one periodic timer: no timer per frame.
 */
@ApplicationScoped
public class PendingAnswers {

    private record Waiting(ChatSession session, String ref, String clientId, long deadline) {
    }

    private static final long SWEEP_MILLIS = 100;

    private final ConcurrentLinkedQueue<Waiting> queue = new ConcurrentLinkedQueue<>();
    private final Vertx vertx;
    private final long waitMillis;
    private final InFlightLimit inFlight;
    private final GatewayMetrics metrics;
    private long timer = -1;

    public PendingAnswers(Vertx vertx, GatewayConfig config, InFlightLimit inFlight, GatewayMetrics metrics) {
        this.vertx = vertx;
        this.inFlight = inFlight;
        this.metrics = metrics;
        this.waitMillis = config.gateway().answerTimeout().toMillis();
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(SWEEP_MILLIS, id -> expire(System.currentTimeMillis()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /**
     * The frame {@code ref} of this session now waits for its answer; false when the gateway's
     * in-flight bound is reached: the frame must not be sent, and was answered {@code unavailable}.
     */
    public boolean expect(ChatSession session, String ref, String clientId) {
        Optional<InFlightLimit.Permit> permit = inFlight.tryAcquire();
        if (permit.isEmpty()) {
            metrics.shed();
            session.send(overloaded(clientId));
            return false;
        }
        session.expectAnswer(ref, permit.get());
        queue.add(new Waiting(session, ref, clientId, System.currentTimeMillis() + waitMillis));
        return true;
    }

    /** The frame could not even be queued: answers {@code unavailable} now, unless it was answered already. */
    public void failNow(ChatSession session, String ref, String clientId) {
        InFlightLimit.Permit permit = session.takeAnswer(ref);
        if (permit != null) {
            permit.notSent();
            session.send(unavailable(clientId));
        }
    }

    /** Answers whose wait has run out; returns how many. */
    int expire(long now) {
        int expired = 0;
        Waiting w;
        while ((w = queue.peek()) != null && w.deadline() <= now) {
            queue.poll();
            InFlightLimit.Permit permit = w.session().takeAnswer(w.ref());
            if (permit != null) {
                expired++;
                if (w.session().isOpen()) {
                    permit.timedOut();
                    w.session().send(unavailable(w.clientId()));
                } else {
                    permit.notSent(); // its sender left: the answer had nowhere to go, which says nothing about the load
                }
            }
        }
        if (expired > 0) { // one line per sweep: under an outage thousands expire at once
            Log.infof("%d message frames got no answer within %d ms; their senders were told the chat is unavailable",
                    expired, waitMillis);
        }
        return expired;
    }

    private static String overloaded(String clientId) {
        return ServerFrames.error(ErrorCode.UNAVAILABLE,
                "the chat is overloaded and did not take the message; retry shortly with the same client_id", clientId);
    }

    private static String unavailable(String clientId) {
        return ServerFrames.error(ErrorCode.UNAVAILABLE,
                "the message could not be confirmed in time; it may or may not have been stored: retry with the same client_id",
                clientId);
    }
}
