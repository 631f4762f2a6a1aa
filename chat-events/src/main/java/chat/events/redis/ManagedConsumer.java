package chat.events.redis;

/** A stream consumer that {@link chat.events.consumer.StreamConsumers} starts, stops and reports on. */
public interface ManagedConsumer {

    /** What it consumes, for logs and health. */
    String name();

    void start();

    /** Stops after the batch in hand. */
    void stop();

    ConsumerHealth health();
}
