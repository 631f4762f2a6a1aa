package chat.gateway.ws;

import chat.events.Origin;
import chat.events.PresenceCommand;
import chat.gateway.config.GatewayConfig;
import chat.gateway.config.InstanceId;
import chat.gateway.session.ChatSession;
import chat.gateway.session.SessionRegistry;
import chat.gateway.stream.CommandPublisher;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops a gateway without dropping anyone (SIGTERM, rolling update): from the first moment it
 * refuses new upgrades (503) and reports not ready; it publishes a presence leave for each of its
 * connections, so that their users do not stay online until the heartbeat TTL; then it closes every
 * connection with 1012 (service restart), which tells clients to reconnect, reaching another
 * gateway, and {@code resume} from their last seq. All within {@code chat.gateway.drain-timeout}.
 */
@ApplicationScoped
public class GatewayDrain {

    static final CloseReason RESTARTING = new CloseReason(1012, "gateway restarting: reconnect and resume");

    private final OpenConnections connections;
    private final SessionRegistry registry;
    private final CommandPublisher publisher;
    private final String instanceId;
    private final Duration timeout;
    private volatile boolean draining;

    public GatewayDrain(OpenConnections connections, SessionRegistry registry, CommandPublisher publisher,
            InstanceId instanceId, GatewayConfig config) {
        this.connections = connections;
        this.registry = registry;
        this.publisher = publisher;
        this.instanceId = instanceId.value();
        this.timeout = config.gateway().drainTimeout();
    }

    /** True once the gateway is stopping: no new connections, readiness down. */
    public boolean isDraining() {
        return draining;
    }

    /**
     * Runs first in a shutdown (quarkus.shutdown.delay-enabled), while the HTTP server, the
     * sockets and Redis are all still up; plain ShutdownEvent observers come after the server closed.
     */
    void drain(@Observes ShutdownDelayInitiatedEvent event) {
        draining = true;
        long started = System.nanoTime();
        List<WebSocketConnection> open = List.copyOf(connections.listAll());
        List<Uni<Void>> leaves = new ArrayList<>();
        for (WebSocketConnection connection : open) {
            ChatSession session = connection.userData().get(ConnectionKeys.SESSION);
            if (session != null) {
                leaves.add(Uni.createFrom().completionStage(publisher.publish(leave(session)).toCompletionStage())
                        .replaceWithVoid()
                        .onFailure()
                        .invoke(e -> Log.warnf("drain: leave of %s not published: %s", session.id(), e.getMessage()))
                        .onFailure().recoverWithNull());
            }
        }
        awaitAll(leaves, timeout.dividedBy(2));
        List<Uni<Void>> closes = new ArrayList<>();
        for (WebSocketConnection connection : open) {
            closes.add(connection.close(RESTARTING).onFailure().recoverWithNull());
        }
        awaitAll(closes, timeout.dividedBy(4));
        long deadline = started + timeout.toNanos();
        while (!registry.sessions().isEmpty() && System.nanoTime() < deadline) {
            sleep(50); // the close callbacks take the sessions out of their rooms
        }
        Log.infof("drain: %d connections told to reconnect (1012), %d presence leaves published, in %d ms",
                open.size(), leaves.size(), (System.nanoTime() - started) / 1_000_000);
    }

    private PresenceCommand leave(ChatSession session) {
        return new PresenceCommand(PresenceCommand.Kind.LEAVE, session.room(), session.user().userId(),
                session.user().username(), new Origin(instanceId, session.id()));
    }

    private static void awaitAll(List<Uni<Void>> work, Duration atMost) {
        if (work.isEmpty()) {
            return;
        }
        try {
            Uni.join().all(work).andCollectFailures().await().atMost(atMost);
        } catch (RuntimeException e) {
            Log.warnf("drain: not all done within %s: %s", atMost, e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
