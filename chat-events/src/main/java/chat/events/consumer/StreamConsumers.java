package chat.events.consumer;

import chat.events.redis.ConsumerHealth;
import chat.events.redis.ManagedConsumer;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * The one lifecycle of every stream consumer of a service: a service hands its consumers here
 * at startup; they are stopped in reverse order at shutdown (each after its batch in hand), and
 * their health is what {@link StreamConsumersHealthCheck} reports.
 */
@ApplicationScoped
public class StreamConsumers {

    private static final Logger LOG = Logger.getLogger(StreamConsumers.class);

    private final List<ManagedConsumer> consumers = new CopyOnWriteArrayList<>();

    /** Starts a consumer and keeps it until shutdown. */
    public void run(ManagedConsumer consumer) {
        consumers.add(consumer);
        consumer.start();
        LOG.infof("consuming: %s", consumer.name());
    }

    public List<ConsumerHealth> health() {
        List<ConsumerHealth> all = new ArrayList<>();
        for (ManagedConsumer c : consumers) {
            all.add(c.health());
        }
        return all;
    }

    void stopAll(@Observes ShutdownEvent event) {
        List<ManagedConsumer> reversed = new ArrayList<>(consumers);
        java.util.Collections.reverse(reversed);
        for (ManagedConsumer c : reversed) {
            c.stop();
        }
        consumers.clear();
    }
}
