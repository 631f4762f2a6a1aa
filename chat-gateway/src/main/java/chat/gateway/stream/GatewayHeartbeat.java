package chat.gateway.stream;

import chat.events.Origin;
import chat.events.PresenceCommand;
import chat.gateway.config.GatewayConfig;
import chat.gateway.config.InstanceId;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Tells presence-service every few seconds that this instance is alive. When the beats stop
 * (the process was killed), presence-service takes this instance's users offline.
 */
@ApplicationScoped
public class GatewayHeartbeat {

    private final CommandPublisher publisher;
    private final Vertx vertx;
    private final String instanceId;
    private final long intervalMillis;

    public GatewayHeartbeat(CommandPublisher publisher, Vertx vertx, InstanceId instanceId, GatewayConfig config) {
        this.publisher = publisher;
        this.vertx = vertx;
        this.instanceId = instanceId.value();
        this.intervalMillis = config.gateway().heartbeatInterval().toMillis();
    }

    void start(@Observes StartupEvent event) {
        beat();
        vertx.setPeriodic(intervalMillis, id -> beat());
    }

    private void beat() {
        PresenceCommand beat = new PresenceCommand(PresenceCommand.Kind.HEARTBEAT, null, 0, null,
                new Origin(instanceId, null));
        publisher.publish(beat)
                .onFailure(failure -> Log.warnf("heartbeat of %s not sent: %s", instanceId, failure.getMessage()));
    }
}
