package chat.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real redis-server (the Linux binary shipped in the embedded-redis jar on Maven Central),
 * with an append-only file so that stream entries survive a Redis restart, and passwords:
 * one ACL user per service, scoped to its keys ({@link RedisAcl}), and a password on {@code default}.
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
            applyUsers(); // a Redis started by an earlier version of this launcher gets today's ACL rules
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
        Processes.await("Redis", Duration.ofSeconds(20), log,
                () -> Processes.portOpen("127.0.0.1", settings.redisPort()));
    }

    /** ACL users as command-line configuration: {@code --user NAME on >PASSWORD RULES...}. */
    private static List<String> users() {
        List<String> args = new ArrayList<>(List.of("--user", "default", "on", ">" + DevSecrets.REDIS_ADMIN_PASSWORD,
                "~*", "&*", "+@all"));
        for (ServiceKind kind : ServiceKind.values()) {
            args.addAll(List.of("--user", DevSecrets.redisUser(kind), "on", ">" + DevSecrets.redisPassword(kind)));
            args.addAll(RedisAcl.rules(kind)); // its own keys only
        }
        return args;
    }

    /** Sets every service user's ACL rules on the running server (ACL SETUSER, as its default user). */
    private void applyUsers() {
        try (Socket socket = new Socket("127.0.0.1", settings.redisPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            List<List<String>> commands = new ArrayList<>();
            commands.add(List.of("AUTH", "default", DevSecrets.REDIS_ADMIN_PASSWORD));
            for (ServiceKind kind : ServiceKind.values()) {
                List<String> setUser = new ArrayList<>(
                        List.of("ACL", "SETUSER", DevSecrets.redisUser(kind), "reset", "on",
                                ">" + DevSecrets.redisPassword(kind)));
                setUser.addAll(RedisAcl.rules(kind));
                commands.add(setUser);
            }
            for (List<String> command : commands) {
                out.write(resp(command));
                out.flush();
                String reply = in.readLine();
                if (!"+OK".equals(reply)) {
                    throw new IllegalStateException(command.get(0) + " " + command.get(1) + ": " + reply);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set the Redis users", e);
        }
    }

    private static byte[] resp(List<String> parts) {
        StringBuilder out = new StringBuilder("*").append(parts.size()).append("\r\n");
        for (String part : parts) {
            out.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part)
                    .append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    void stop() {
        Processes.stop(layout, NAME);
    }
}
