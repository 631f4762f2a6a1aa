package chat.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    /** An append-only file past this is rewritten when a stack command finds Redis running. */
    private static final long LARGE_LOG_BYTES = 1L << 30;

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
            compactLargeLog();
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
        List<List<String>> commands = new ArrayList<>();
        for (ServiceKind kind : ServiceKind.values()) {
            List<String> setUser = new ArrayList<>(
                    List.of("ACL", "SETUSER", DevSecrets.redisUser(kind), "reset", "on",
                            ">" + DevSecrets.redisPassword(kind)));
            setUser.addAll(RedisAcl.rules(kind));
            commands.add(setUser);
        }
        try {
            List<String> replies = asAdmin(commands);
            for (int i = 0; i < replies.size(); i++) {
                if (!"+OK".equals(replies.get(i))) {
                    throw new IllegalStateException("ACL SETUSER " + commands.get(i).get(2) + ": " + replies.get(i));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set the Redis users", e);
        }
    }

    /**
     * Rewrites the append-only file in the background once it has grown far past the data: Redis
     * rewrites it by itself only when it doubles the size it had at start, so a local Redis that
     * carried days of load runs through restarts can keep gigabytes of stream history on disk and
     * then take minutes to load after a restart (the resilience tests restart it).
     */
    private void compactLargeLog() {
        Path aof = layout.dataDir("redis").resolve("appendonly.aof");
        try {
            if (!Files.isRegularFile(aof) || Files.size(aof) < LARGE_LOG_BYTES) {
                return;
            }
        } catch (IOException e) {
            return; // nothing to compact
        }
        try {
            asAdmin(List.of(List.of("BGREWRITEAOF"))); // started, or one is running already: either is fine
        } catch (IOException e) {
            // the file stays as it is: slower restarts, nothing lost
        }
    }

    /** Sends commands as Redis's default user, one at a time; their one-line replies, in order (after AUTH's). */
    private List<String> asAdmin(List<List<String>> commands) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", settings.redisPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out.write(resp(List.of("AUTH", "default", DevSecrets.REDIS_ADMIN_PASSWORD)));
            out.flush();
            String auth = in.readLine();
            if (!"+OK".equals(auth)) {
                throw new IllegalStateException("AUTH default: " + auth);
            }
            List<String> replies = new ArrayList<>();
            for (List<String> command : commands) {
                out.write(resp(command));
                out.flush();
                replies.add(in.readLine());
            }
            return replies;
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
