package chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.stack.Processes;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The services' container images as {@code deploy/images/build-images.sh} built them (skipped
 * when they have not been built: building them takes minutes, so CI does not): each has a
 * {@code java -jar} entrypoint, runs as a non-root user, has the application in several layers
 * (dependencies apart from the application's own classes), and starts from its own filesystem
 * (its layers unpacked, run in it with {@code unshare --root} as the image's user).
 */
class ImageSystemTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String MANIFEST_TYPES = "application/vnd.oci.image.manifest.v1+json,"
            + "application/vnd.docker.distribution.manifest.v2+json";
    private static String registry;
    private static String tag;

    @BeforeAll
    static void builtImages() throws IOException {
        Path built = Contracts.ROOT.resolve(".run/images/built");
        Assumptions.assumeTrue(Files.isRegularFile(built), "images not built (deploy/images/build-images.sh)");
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(built)) {
            p.load(in);
        }
        registry = p.getProperty("registry");
        tag = p.getProperty("tag");
    }

    @Test
    void everyImageHasAJavaEntrypointANonRootUserAndLayers() {
        for (String service : List.of("chat-gateway", "auth-service", "message-service", "media-service",
                "presence-service")) {
            JsonNode manifest = manifest(service);
            JsonNode config = Api.json(get(blobUrl(service, manifest.path("config").path("digest").asText())));
            JsonNode container = config.path("config");
            String entrypoint = container.path("Entrypoint").toString();
            assertTrue(entrypoint.contains("java") && entrypoint.contains("quarkus-run.jar"),
                    service + " entrypoint " + entrypoint);
            String user = container.path("User").asText();
            assertNotEquals("", user, service + " names its user");
            assertNotEquals("0", user.split(":")[0], service + " does not run as root");
            assertNotEquals("root", user.split(":")[0], service + " does not run as root");
            assertTrue(manifest.path("layers").size() >= 4,
                    service + ": base, dependencies and application in separate layers: "
                            + manifest.path("layers").size());
            System.out.printf("image %s/chat-engine/%s:%s: user %s, %d layers, entrypoint %s%n",
                    registry, service, tag, user, manifest.path("layers").size(), entrypoint);
        }
    }

    @Test
    void theGatewayImageStartsFromItsOwnFilesystem() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "unshare --root needs root");
        JsonNode manifest = manifest("chat-gateway");
        JsonNode config = Api.json(get(blobUrl("chat-gateway", manifest.path("config").path("digest").asText())))
                .path("config");
        Path rootfs = Files.createTempDirectory("chat-image-");
        for (JsonNode layer : manifest.path("layers")) {
            unpack(blobUrl("chat-gateway", layer.path("digest").asText()), rootfs);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // its own root, its own /proc (the JVM's launcher finds its libraries through it), its own user
        String[] user = (config.path("User").asText() + ":").split(":");
        String uid = user[0];
        String gid = user.length > 1 && !user[1].isEmpty() ? user[1] : uid;
        Files.createDirectories(rootfs.resolve("proc"));
        devices(rootfs);
        List<String> command = new ArrayList<>(List.of("unshare", "--fork", "--kill-child", "--pid", "--mount",
                "--root=" + rootfs,
                "--mount-proc", "--setuid", uid, "--setgid", gid, "--wd=" + config.path("WorkingDir").asText("/")));
        config.path("Entrypoint").forEach(a -> command.add(a.asText()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("chat-image-", ".log").toFile())
                .directory(rootfs.toFile());
        config.path("Env").forEach(e -> {
            String[] kv = e.asText().split("=", 2);
            builder.environment().put(kv[0], kv[1]);
        });
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", "0");
        Process process = builder.start();
        try {
            // liveness needs none of the servers (Redis, Keycloak) the image is not given here
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90))
                    .until(() -> !process.isAlive() || Processes.httpOk("http://127.0.0.1:" + port + "/q/health/live"));
            assertTrue(process.isAlive(), "the gateway image's process started and stays up");
        } finally {
            // unshare holds signals while it waits: end the image's JVM itself, then unshare
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            try (var files = Files.walk(rootfs)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The device nodes a container runtime gives every container (images carry none). */
    private static void devices(Path rootfs) throws IOException, InterruptedException {
        Files.createDirectories(rootfs.resolve("dev"));
        String[][] nodes = {{"null", "3"}, {"zero", "5"}, {"random", "8"}, {"urandom", "9"}};
        for (String[] node : nodes) {
            Path dev = rootfs.resolve("dev").resolve(node[0]);
            Files.deleteIfExists(dev);
            Process mknod = new ProcessBuilder("mknod", "-m", "666", dev.toString(), "c", "1", node[1]).inheritIO()
                    .start();
            assertEquals(0, mknod.waitFor(), "mknod " + dev);
        }
    }

    private static JsonNode manifest(String service) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(
                "http://" + registry + "/v2/chat-engine/" + service + "/manifests/" + tag))
                .header("Accept", MANIFEST_TYPES).build());
        assertEquals(200, response.statusCode(), service + ": " + response.body());
        return Api.json(response);
    }

    private static String blobUrl(String service, String digest) {
        return "http://" + registry + "/v2/chat-engine/" + service + "/blobs/" + digest;
    }

    private static HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Extracts one gzip'd layer into the root filesystem (whiteouts are not needed for these images). */
    private static void unpack(String url, Path rootfs) throws IOException, InterruptedException {
        HttpResponse<InputStream> blob = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(blob.body()))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = rootfs.resolve(entry.getName()).normalize();
                if (!target.startsWith(rootfs)) {
                    continue;
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, permissions(entry.getMode())); // e.g. /tmp for everyone
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    Files.createLink(target, rootfs.resolve(entry.getLinkName()).normalize());
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, permissions(entry.getMode()));
                }
            }
        }
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions(int mode) {
        java.util.Set<java.nio.file.attribute.PosixFilePermission> out = java.util.EnumSet
                .noneOf(java.nio.file.attribute.PosixFilePermission.class);
        java.nio.file.attribute.PosixFilePermission[] bits = java.nio.file.attribute.PosixFilePermission.values();
        for (int i = 0; i < 9; i++) {
            if ((mode & (1 << (8 - i))) != 0) {
                out.add(bits[i]);
            }
        }
        return out;
    }
}
