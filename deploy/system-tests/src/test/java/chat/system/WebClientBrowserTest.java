package chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web client in headless Chromium (Playwright): login, room, presence, messages,
 * typing, double tick, safe links, reload. Needs Debian's chromium and
 * {@code npm install} in deploy/system-tests/browser; CI sets CHAT_BROWSER_TESTS=required,
 * elsewhere the test is skipped (and says so) when they are missing.
 */
class WebClientBrowserTest {

    private static final Path BROWSER = chat.stack.StackLayout.detect().repoRoot().resolve("deploy/system-tests/browser");
    private static SystemStack stack;

    @BeforeAll
    static void startSystem() {
        boolean ready = Files.isExecutable(Path.of("/usr/bin/chromium"))
                && Files.isDirectory(BROWSER.resolve("node_modules/playwright-core"));
        if (!"required".equals(System.getenv("CHAT_BROWSER_TESTS"))) {
            assumeTrue(ready, "chromium or playwright-core missing (apt-get install chromium; npm install in " + BROWSER + ")");
        }
        stack = SystemStack.get();
    }

    @Test
    void aPersonCanChatInTheWebClient() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("node", "web-client.cjs").directory(BROWSER.toFile())
                .redirectErrorStream(true);
        builder.environment().put("GATEWAY", stack.gateway());
        Process node = builder.start();
        node.getOutputStream().close();
        String output;
        try (var in = node.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(node.waitFor(120, TimeUnit.SECONDS), "browser test finished");
        System.out.println(output);
        assertEquals(0, node.exitValue(), output);
        assertTrue(output.contains("\"name\":\"history after reload\",\"ok\":true"), output);
    }
}
