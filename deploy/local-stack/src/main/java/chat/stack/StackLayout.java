package chat.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the local stack keeps its files: everything it starts writes below {@code .run/}
 * of the repository (pid files, data, logs), so that {@code down} and a clean-up know
 * exactly what is theirs.
 */
public record StackLayout(Path repoRoot) {

    /** The layout of the repository that contains the working directory (or {@code chatengine.repo.root}). */
    public static StackLayout detect() {
        String configured = System.getProperty("chatengine.repo.root", System.getenv("CHAT_REPO_ROOT"));
        Path start = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("deploy/keycloak/chat-realm.json"))) {
                return new StackLayout(p);
            }
        }
        throw new IllegalStateException("cannot find the repository root above " + start
                + " (looked for deploy/keycloak/chat-realm.json); set CHAT_REPO_ROOT");
    }

    public Path runDir() {
        return ensure(repoRoot.resolve(".run"));
    }

    /** The one folder where every started process logs. */
    public Path logDir() {
        return ensure(runDir().resolve("logs"));
    }

    public Path pidDir() {
        return ensure(runDir().resolve("pids"));
    }

    public Path dataDir(String name) {
        return ensure(runDir().resolve("data").resolve(name));
    }

    /** Server distributions copied from Maven Central by the local-stack build. */
    public Path distDir() {
        return repoRoot.resolve("deploy/local-stack/target/dist");
    }

    public Path realmFile() {
        return repoRoot.resolve("deploy/keycloak/chat-realm.json");
    }

    public Path serviceJar(String module) {
        return repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    static Path ensure(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
