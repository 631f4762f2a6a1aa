package chat.gateway.health;

import chat.gateway.session.SessionRegistry;
import chat.gateway.stream.RoomEventReader;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the fan-out partitions are being read: without them no connection would get messages. */
@Readiness
@ApplicationScoped
public class EventStreamHealth implements HealthCheck {

    private final RoomEventReader reader;
    private final SessionRegistry sessions;

    public EventStreamHealth(RoomEventReader reader, SessionRegistry sessions) {
        this.reader = reader;
        this.sessions = sessions;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("room-event-stream")
                .status(reader.isHealthy())
                .withData("connections", sessions.sessions().size())
                .withData("rooms", sessions.roomCount())
                .withData("partitions", reader.partitionsRead().toString())
                .build();
    }
}
