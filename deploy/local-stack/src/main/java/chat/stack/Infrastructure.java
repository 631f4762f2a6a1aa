package chat.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** PostgreSQL, Redis and Keycloak: started if they are not running, reused if they are. */
public final class Infrastructure {

    /** One database per service: each service owns its data. */
    public static final List<String> DATABASES = List.of("chat_auth", "chat_message", "chat_media", "chat_presence");

    private final StackLayout layout;
    private final StackSettings settings;

    public Infrastructure(StackLayout layout, StackSettings settings) {
        this.layout = layout;
        this.settings = settings;
    }

    /** Ensures the three servers run (idempotent, safe from several JVMs) and says where they are. */
    public static synchronized InfraEndpoints ensureRunning() {
        return new Infrastructure(StackLayout.detect(), StackSettings.fromEnvironment()).start();
    }

    /** Starts what is missing; a file lock makes concurrent launchers (or test JVMs) take turns. */
    public InfraEndpoints start() {
        Path lockFile = layout.runDir().resolve("infra.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            new RedisServer(layout, settings).ensureRunning();
            new PostgresServer(layout, settings).ensureRunning(DATABASES);
            new KeycloakServer(layout, settings).ensureRunning();
            return endpoints();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        }
    }

    public InfraEndpoints endpoints() {
        return new InfraEndpoints(settings.postgresHost(), settings.postgresPort(), settings.dbUser(),
                settings.dbPassword(), settings.redisUrl(), settings.keycloakUrl(), !settings.externalRedis());
    }

    /** Stops the PostgreSQL this stack started (fast shutdown), as an outage would; {@link #ensureRunning()} brings it back. */
    public static void stopPostgres() {
        new PostgresServer(StackLayout.detect(), StackSettings.fromEnvironment()).stop();
    }

    public void stop() {
        new KeycloakServer(layout, settings).stop();
        new PostgresServer(layout, settings).stop();
        new RedisServer(layout, settings).stop();
    }
}
