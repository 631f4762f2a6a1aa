package chat.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Keycloak's distribution from Maven Central in development mode, with the realm of
 * {@code deploy/keycloak/} imported. When the realm file changes, the development database
 * is reset so that the new realm is imported on the next start.
 */
final class KeycloakServer {

    static final String NAME = "keycloak";

    private final StackLayout layout;
    private final StackSettings settings;

    KeycloakServer(StackLayout layout, StackSettings settings) {
        this.layout = layout;
        this.settings = settings;
    }

    void ensureRunning() {
        String wellKnown = settings.keycloakUrl() + "/realms/" + InfraEndpoints.REALM
                + "/.well-known/openid-configuration";
        if (settings.externalKeycloak() || Processes.portOpen("127.0.0.1", settings.keycloakPort())) {
            Processes.await("Keycloak realm " + InfraEndpoints.REALM, Duration.ofSeconds(120),
                    layout.logDir().resolve("keycloak.log"), () -> Processes.httpOk(wellKnown));
            return;
        }
        Path home = install();
        Path log = layout.logDir().resolve("keycloak.log");
        Processes.startDetached(layout, NAME, List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port", Integer.toString(settings.keycloakPort()), "--http-host", "127.0.0.1",
                "--import-realm"),
                Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", "admin", "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin",
                        "JAVA_OPTS_KC_HEAP", "-XX:MaxRAMPercentage=10 -XX:InitialRAMPercentage=2"),
                home, log);
        Processes.await("Keycloak", Duration.ofSeconds(240), log, () -> Processes.httpOk(wellKnown));
    }

    void stop() {
        Processes.stop(layout, NAME);
    }

    private Path install() {
        Path base = StackLayout.ensure(layout.runDir().resolve("keycloak"));
        try {
            Path home;
            try (Stream<Path> found = Files.list(base)) {
                home = found.filter(p -> Files.isRegularFile(p.resolve("bin/kc.sh"))).findFirst().orElse(null);
            }
            if (home == null) {
                Archives.untarGz(layout.distDir().resolve("keycloak-quarkus-dist.tar.gz"), base);
                try (Stream<Path> found = Files.list(base)) {
                    home = found.filter(p -> Files.isRegularFile(p.resolve("bin/kc.sh"))).findFirst().orElseThrow();
                }
            }
            String realmHash = sha256(layout.realmFile());
            Path marker = home.resolve("data/import/.realm-sha256");
            if (!Files.isRegularFile(marker) || !Files.readString(marker).equals(realmHash)) {
                deleteTree(home.resolve("data/h2"));
                Files.createDirectories(home.resolve("data/import"));
                Files.copy(layout.realmFile(), home.resolve("data/import/chat-realm.json"),
                        StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(marker, realmHash);
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install Keycloak", e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
