package chat.message.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of message-service ({@code chat.message.*}). */
@ConfigMapping(prefix = "chat.message")
public interface MessageConfig {

    /** The message-command consumer. */
    Consumer consumer();

    /** The history REST endpoints. */
    History history();

    /** The search REST endpoint. */
    Search search();

    /** Most other readers listed in {@code read_pointers} of a history or search answer (most recent first). */
    @WithDefault("200")
    int maxReadPointers();

    /** Longest text a message may carry, in characters (PROTOCOL.md: 4,000). */
    @WithDefault("4000")
    int maxTextLength();

    /** The message-command consumer. */
    interface Consumer {

        /** Whether the consumer runs in this instance. */
        @WithDefault("true")
        boolean enabled();

        /** Commands read, stored and acknowledged together (one database transaction). */
        @WithDefault("200")
        int batchSize();

        /** How long one read waits for new commands. */
        @WithDefault("PT1S")
        Duration block();

        /** Idle time after which a dead consumer's pending commands are taken over. */
        @WithDefault("PT30S")
        Duration claimAfter();
    }

    /** History paging. */
    interface History {

        /** Messages per page when the caller gives no limit. */
        @WithDefault("50")
        int defaultLimit();

        /** Largest limit a caller may ask for; above it the answer is 400 (no clamping). */
        @WithDefault("200")
        int maxLimit();
    }

    /** Full-text search in a room. */
    interface Search {

        /** Messages per answer when the caller gives no limit. */
        @WithDefault("50")
        int defaultLimit();

        /** Largest limit a caller may ask for; above it the answer is 400 (no clamping). */
        @WithDefault("200")
        int maxLimit();

        /** Longest search text, in characters; above it the answer is 400. */
        @WithDefault("200")
        int maxQueryLength();
    }
}
