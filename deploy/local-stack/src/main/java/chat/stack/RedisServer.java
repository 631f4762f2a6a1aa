package chat.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real redis-server (the Linux binary shipped in the embedded-redis jar on Maven Central),
 * with an append-only file so that stream entries survive a Redis restart.
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
        Processes.startDetached(layout, NAME, List.of(binary.toString(),
                        "--port", Integer.toString(settings.redisPort()), "--bind", "127.0.0.1",
                        "--dir", layout.dataDir("redis").toString(),
                        "--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
                        "--daemonize", "no"),
                Map.of(), layout.runDir(), log);
        Processes.await("Redis", Duration.ofSeconds(20), log, () -> Processes.portOpen("127.0.0.1", settings.redisPort()));
    }

    void stop() {
        Processes.stop(layout, NAME);
    }
}
