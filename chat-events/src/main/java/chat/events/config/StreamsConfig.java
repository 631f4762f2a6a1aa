package chat.events.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Redis Streams settings, the same keys in every service ({@code chat.streams.*}). */
@ConfigMapping(prefix = "chat.streams")
public interface StreamsConfig {

    /** Prefix of every stream key, so that deployments and tests sharing one Redis stay apart. */
    @WithDefault("chat")
    String prefix();

    /**
     * Partitions of the message-command stream ({@code <prefix>:{messages:N}:in}): rooms are spread
     * over them by a hash of their name, each partition is consumed in order by one owner at a
     * time. Every service and gateway of a deployment must agree on it; change it only with the
     * streams drained.
     */
    @WithDefault("8")
    int messagePartitions();

    /**
     * Partitions of the fan-out events ({@code <prefix>:{events:N}:out}), by the same hash of the
     * room name: a gateway reads only the partitions of the rooms it has connections in. Every
     * service and gateway of a deployment must agree on it.
     */
    @WithDefault("8")
    int eventPartitions();

    /** Approximate length ({@code MAXLEN ~}) each fan-out partition is trimmed to (gateways fill gaps from history). */
    @WithDefault("100000")
    long eventsMaxLength();

    /**
     * Unacknowledged entries a command partition may hold before gateways refuse new message
     * frames with {@code unavailable} (instead of ever trimming unread commands).
     */
    @WithDefault("100000")
    long maxBacklog();

    /** The consumer-group members of every service. */
    Consumer consumer();

    /** Consumer settings, the same for every service's consumers. */
    interface Consumer {

        /** Whether this instance consumes at all (off: REST only). */
        @WithDefault("true")
        boolean enabled();

        /** Entries read, handled and acknowledged together. */
        @WithDefault("500")
        int batchSize();

        /** How long one read waits for new entries. */
        @WithDefault("1s")
        Duration block();

        /** Idle time after which a dead member's pending entries of a shared stream are taken over. */
        @WithDefault("30s")
        Duration claimAfter();

        /** Longest pause between retries while PostgreSQL, Redis or a service is away. */
        @WithDefault("2s")
        Duration maxBackoff();

        /** How long a partition lease lasts unrenewed: how soon a dead instance's partitions move on. */
        @WithDefault("6s")
        Duration leaseTtl();

        /**
         * Most entries of several partitions handled in one call (group commit, message commands):
         * batches handed over while another group is in the database are merged up to this size.
         */
        @WithDefault("2000")
        int groupMaxEntries();

        /** Groups handled at the same time (transactions in flight per instance). */
        @WithDefault("2")
        int groupParallelism();

        /** Readiness goes down while a consumer's lag passes this many entries. */
        @WithDefault("100000")
        long maxLag();
    }
}
