package chat.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real redis-server (the Linux binary shipped in the embedded-redis jar on Maven Central),
 * with an append-only file so that stream entries survive a Redis restart, and passwords:
 * one ACL user per service (no administrative commands) and a password on {@code default}.
 */
final class RedisServer {

    static final String NAME = "redis";
    private static final String BINARY = "redis-server-6.2.6-v5-linux-amd64";

    private final StackLayout layout;
    private final StackSettings settings;

    RedisServer(StackLayout layout, StackSettings settings) {
        this.layout = layout;
        this.settings = settings;
    }

    void ensureRunning() {
        if (settings.externalRedis()) {
            return;
        }
        if (Processes.portOpen("127.0.0.1", settings.redisPort())) {
            return;
        }
        Path binary = layout.runDir().resolve("bin/redis-server");
        if (!binary.toFile().canExecute()) {
            Archives.extractFromJar(layout.distDir().resolve("embedded-redis.jar"), BINARY, binary);
        }
        Path log = layout.logDir().resolve("redis.log");
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--port", Integer.toString(settings.redisPort()), "--bind", "127.0.0.1",
                "--dir", layout.dataDir("redis").toString(),
                "--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
                "--daemonize", "no"));
        command.addAll(users());
        Processes.startDetached(layout, NAME, command, Map.of(), layout.runDir(), log);
        Processes.await("Redis", Duration.ofSeconds(20), log, () -> Processes.portOpen("127.0.0.1", settings.redisPort()));
    }

    /** ACL users as command-line configuration: {@code --user NAME on >PASSWORD RULES...}. */
    private static List<String> users() {
        List<String> args = new ArrayList<>(List.of("--user", "default", "on", ">" + DevSecrets.REDIS_ADMIN_PASSWORD,
                "~*", "&*", "+@all"));
        for (ServiceKind kind : ServiceKind.values()) {
            // every key (the services share the streams), no administrative or dangerous command
            args.addAll(List.of("--user", DevSecrets.redisUser(kind), "on", ">" + DevSecrets.redisPassword(kind),
                    "~*", "&*", "+@all", "-@dangerous"));
        }
        return args;
    }

    void stop() {
        Processes.stop(layout, NAME);
    }
}
