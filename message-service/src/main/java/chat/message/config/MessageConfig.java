package chat.message.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of message-service ({@code chat.message.*}). */
@ConfigMapping(prefix = "chat.message")
public interface MessageConfig {

    /** The history REST endpoints. */
    History history();

    /** The search REST endpoint. */
    Search search();

    /** Most other readers listed in {@code read_pointers} of a history or search answer (most recent first). */
    @WithDefault("200")
    int maxReadPointers();

    /** Longest text a message may carry, in characters (docs/PROTOCOL.md, Limits: 4,000). */
    @WithDefault("4000")
    int maxTextLength();

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
