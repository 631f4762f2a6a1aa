package chat.system;

import chat.stack.DevTokens;
import chat.stack.InfraEndpoints;
import chat.stack.Infrastructure;
import chat.stack.ServiceKind;
import chat.stack.ServiceSet;
import chat.stack.StackLayout;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The whole system for these tests, started once per test JVM: real PostgreSQL, Redis and
 * Keycloak, and the five services as processes on their own ports (gateway 18080 and a
 * second gateway 18090; {@code CHAT_IT_PORT} moves both) with a stream prefix of their own, so
 * they never meet a developer's running stack. Stopped when the JVM ends.
 */
final class SystemStack {

    /** Bytes that may wait for one connection in the test gateways before it is dropped as stalled. */
    static final int STALLED_READER_BOUND = 256 * 1024;
    /** Frames per second all connections of one user may send together in the test gateways (burst: the default 120). */
    static final int USER_FRAMES_PER_SECOND = 120;

    /** History bytes one resume page aims at in the test gateways (small, so that a resume takes many pages). */
    static final int RESUME_PAGE_BYTES = 64 * 1024;
    /** Resumes that replay at once in each test gateway (more wait). */
    static final int RESUME_CONCURRENCY = 4;
    /** How long a gateway's count of a user's connections lives in Redis unrenewed (renewed every third). */
    static final int USER_LEASE_SECONDS = 6;

    private static final Duration JOIN_WAIT = Duration.ofSeconds(20);
    private static SystemStack instance;

    final StackLayout layout;
    final InfraEndpoints infra;
    final ServiceSet services;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    private SystemStack() {
        layout = StackLayout.detect();
        infra = Infrastructure.ensureRunning();
        // a small outbound bound, so that the stalled-reader test needs little data to reach it, and
        // a user frame rate that lets its six sockets of one user send 100 frames/s together
        int port = Integer.parseInt(System.getenv().getOrDefault("CHAT_IT_PORT", "18080"));
        services = new ServiceSet(infra, port, port + 10, "it-" + UUID.randomUUID().toString().substring(0, 8), "it",
                Map.of("chat.gateway.max-pending-bytes", Integer.toString(STALLED_READER_BOUND),
                        "chat.gateway.user-frames-per-second", Integer.toString(USER_FRAMES_PER_SECOND),
                        "chat.gateway.resume.page-bytes", Integer.toString(RESUME_PAGE_BYTES),
                        "chat.gateway.resume.max-concurrent", Integer.toString(RESUME_CONCURRENCY),
                        "chat.gateway.user-lease", USER_LEASE_SECONDS + "s"));
        services.stop(layout); // leftovers of an interrupted earlier run
        services.start(layout);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> services.stop(layout)));
    }

    static synchronized SystemStack get() {
        if (instance == null) {
            instance = new SystemStack();
        }
        return instance;
    }

    String gateway() {
        return services.gatewayUrl();
    }

    String secondGateway() {
        return services.secondGatewayUrl();
    }

    String wsUrl(String gatewayBase, String path) {
        return gatewayBase.replace("http://", "ws://") + path;
    }

    /** A socket of a development user in a public room of this gateway. */
    WsClient connect(String gatewayBase, String user, String room) {
        return WsClient.connect(wsUrl(gatewayBase, "/ws/chat/" + room + "/"), token(user));
    }

    /** {@link #connect}, once the room's {@code user_list} names the user (the join is complete). */
    WsClient join(String gatewayBase, String user, String room) {
        WsClient client = connect(gatewayBase, user, room);
        client.await("user_list", f -> f.path("users").toString().contains("\"" + user + "\""), JOIN_WAIT);
        return client;
    }

    /** A cached real access token of a development user. */
    String token(String user) {
        return tokens.computeIfAbsent(user, u -> DevTokens.accessToken(infra, u));
    }

    /** Entries in the dead-letter streams of every message-command partition of this stack. */
    long deadLetters() {
        long total = 0;
        for (int p = 0; p < 8; p++) { // chat.streams.message-partitions, default
            total += RedisProbe.xlen(infra.redisUrl(ServiceKind.MESSAGE),
                    services.streamPrefix() + ":{messages:" + p + "}:in:dead");
        }
        return total;
    }

    static String randomRoom(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
