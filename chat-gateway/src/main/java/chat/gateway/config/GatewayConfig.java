package chat.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Typed configuration of the gateway (prefix {@code chat}). */
@ConfigMapping(prefix = "chat")
public interface GatewayConfig {

    /** Redis Streams settings shared with the services. */
    Streams streams();

    /** Name of this gateway instance: targets acks and errors back to its connections; unique per instance. */
    @WithName("instance-id")
    Optional<String> instanceId();

    /** Gateway behaviour. */
    Gateway gateway();

    /** Base URLs of the services the gateway routes to ({@code chat.services.*}, the keys every service uses). */
    Services services();

    /** The shared REST error model (chat.events.rest). */
    Rest rest();

    /** REST error model settings. */
    interface Rest {

        /**
         * Whether the JSON error mappers of the REST services apply (build time): false here,
         * since {@code /login} answers with Keycloak's redirect, not a JSON 401.
         */
        @WithDefault("true")
        boolean errorMappers();
    }

    /** Stream settings. */
    interface Streams {

        /** Prefix of every stream key (several deployments or tests can share one Redis). */
        @WithDefault("chat")
        String prefix();

        /** Maximum entries taken from the event stream in one read. */
        @WithDefault("1000")
        int readBatch();

        /**
         * After a read that returned events, the next read starts no sooner than this after it
         * began, so that a busy room's events reach each socket several to a write (one system
         * call) instead of one each. A read that waited for its first event is never delayed, so a
         * quiet room's message goes out at once; under load each event waits at most this long.
         * 0 reads again at once.
         */
        @WithDefault("5ms")
        Duration readLinger();
    }

    /** Gateway settings. */
    interface Gateway {

        /** Origins allowed to open WebSockets besides the gateway's own (e.g. https://chat.example.com). */
        Optional<List<String>> allowedOrigins();

        /** Longest text message, in characters. */
        @WithDefault("4000")
        int maxTextLength();

        /** Largest frame accepted (media frames carry base64 data URLs). */
        @WithDefault("16777216")
        int maxFrameBytes();

        /** Bytes that may wait to be sent to one connection before it counts as stalled and is closed. */
        @WithDefault("16777216")
        int maxPendingBytes();

        /** Longest client_id, in characters. */
        @WithDefault("64")
        int maxClientIdLength();

        /** Frames a connection may send per second on average... */
        @WithDefault("20")
        double framesPerSecond();

        /** ...and in one burst. */
        @WithDefault("60")
        int frameBurst();

        /** Open connections one user may have across all gateways; the next upgrade gets HTTP 429. */
        @WithDefault("50")
        int maxConnectionsPerUser();

        /**
         * Frames one user may send per second on average, across all of their connections; each gateway
         * holding some of them enforces an equal share (no Redis call per frame)...
         */
        @WithDefault("40")
        double userFramesPerSecond();

        /** ...and in one burst. */
        @WithDefault("120")
        int userFrameBurst();

        /**
         * How long this gateway's count of a user's connections stays in Redis without renewal (renewed
         * every third of it): a crashed gateway's connections stop counting after this long.
         */
        @WithDefault("30s")
        Duration userLease();

        /** How often this instance tells presence-service it is alive. */
        @WithDefault("10s")
        Duration heartbeatInterval();

        /** How long a seq gap may stay open before the missing messages are fetched from message-service. */
        @WithDefault("250ms")
        Duration gapTimeout();

        /**
         * Longest a stopping gateway spends draining: publishing its connections' presence leaves and
         * closing them with 1012 (reconnect and resume). Keep it below the pod's termination grace period.
         */
        @WithDefault("15s")
        Duration drainTimeout();

        /**
         * How long a message frame waits for its ack or error before the sender is told
         * {@code unavailable} (storage or a service down); a later answer is then dropped.
         */
        @WithDefault("10s")
        Duration answerTimeout();

        /** How a {@code resume} replays history: page by page, within a memory budget. */
        Resume resume();

        /** How many message frames may wait for their answers at once: the gateway's load shedding. */
        InFlight inFlight();

        /**
         * Admission control: past this many open connections new upgrades get HTTP 503 (the client
         * reconnects, to another gateway); connections already open are not touched.
         */
        @WithDefault("50000")
        int maxConnections();

        /**
         * Admission control: while the heap still in use after the latest collection passes this
         * share of the maximum heap, new upgrades get HTTP 503, so that connections can never fill
         * the heap into back-to-back full collections.
         */
        @WithDefault("0.8")
        double maxHeapAfterGc();
    }

    /**
     * Resume replay bounds: a resuming connection holds at most one page, and at most
     * {@code max-concurrent} connections replay at once, so the gateway holds at most
     * {@code max-concurrent x page-bytes} of history (plus one message of overshoot per page).
     */
    interface Resume {

        /** Most messages fetched in one page (message-service serves at most 200). */
        @WithDefault("200")
        int pageMessages();

        /** Bytes one page aims at: the next page asks for as many messages as fit, judged by the largest seen so far. */
        @WithDefault("131072")
        int pageBytes();

        /** Resumes replaying at once on this gateway; more wait in the queue. */
        @WithDefault("8")
        int maxConcurrent();

        /** Resumes that may wait for a replay slot; past it a resume is answered {@code unavailable} (resume again later). */
        @WithDefault("1000")
        int maxQueued();

        /** Longest one page may take to reach the socket; a reader that slow is closed (it reconnects and resumes). */
        @WithDefault("30s")
        Duration pageWriteTimeout();
    }

    /**
     * An adaptive bound on the message frames this gateway has handed to the streams and not yet
     * seen answered (additive increase while answers come back within {@code answer-target},
     * multiplicative decrease when they do not). Past the bound a frame is answered
     * {@code unavailable} at once instead of joining a queue that would only answer it too late:
     * under overload the system keeps storing at the rate it can, at a bounded latency.
     */
    interface InFlight {

        /** Off: every frame joins the streams, however long they are behind. */
        @WithDefault("true")
        boolean enabled();

        /** The bound at start. */
        @WithDefault("1000")
        int initialLimit();

        /** The bound never drops below this (enough for one user's burst of every room on the gateway). */
        @WithDefault("100")
        int minLimit();

        /** The bound never grows past this. */
        @WithDefault("20000")
        int maxLimit();

        /** An answer slower than this (or none at all) shrinks the bound. */
        @WithDefault("1s")
        Duration answerTarget();

        /** By how much one slow answer shrinks the bound. */
        @WithDefault("0.9")
        double backoffRatio();
    }

    /** Where the services answer. */
    interface Services {

        /** auth-service base URL. */
        @WithDefault("http://127.0.0.1:8081")
        String auth();

        /** message-service base URL. */
        @WithDefault("http://127.0.0.1:8082")
        String message();

        /** media-service base URL. */
        @WithDefault("http://127.0.0.1:8083")
        String media();

        /** presence-service base URL. */
        @WithDefault("http://127.0.0.1:8084")
        String presence();
    }
}
