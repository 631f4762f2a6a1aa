package chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web client in headless Chromium (Playwright): sign-up, People and private chat, messages
 * both ways, typing, ticks, image, voice, search, older history, a hostile string, phone width,
 * and the gateway killed and restarted mid-chat (this harness does the killing when the
 * script asks, and sends the messages that arrive while the browsers are disconnected, through
 * the second gateway). Screenshots go to target/screenshots. Needs Debian's chromium and
 * {@code npm install} in deploy/system-tests/browser; CI sets CHAT_BROWSER_TESTS=required,
 * elsewhere the test is skipped (and says so) when they are missing.
 */
class WebClientBrowserTest {

    private static final Path BROWSER = chat.stack.StackLayout.detect().repoRoot()
            .resolve("deploy/system-tests/browser");
    private static final Path SCREENSHOTS = BROWSER.resolveSibling("target").resolve("screenshots");
    private static SystemStack stack;

    @BeforeAll
    static void startSystem() {
        boolean ready = Files.isExecutable(Path.of("/usr/bin/chromium"))
                && Files.isDirectory(BROWSER.resolve("node_modules/playwright-core"));
        if (!"required".equals(System.getenv("CHAT_BROWSER_TESTS"))) {
            assumeTrue(ready,
                    "chromium or playwright-core missing (apt-get install chromium; npm install in " + BROWSER + ")");
        }
        stack = SystemStack.get();
    }

    @Test
    void peopleChatInTheWebClient() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("node", "web-client.cjs").directory(BROWSER.toFile())
                .redirectErrorStream(true);
        builder.environment().put("GATEWAY", stack.gateway());
        builder.environment().put("SCREENSHOTS", SCREENSHOTS.toString());
        Process node = builder.start();
        // a hung browser must not hang the build
        CompletableFuture.delayedExecutor(300, TimeUnit.SECONDS).execute(node::destroyForcibly);
        StringBuilder output = new StringBuilder();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter answers = new PrintWriter(node.getOutputStream(), true, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                System.out.println(line);
                output.append(line).append('\n');
                if (line.startsWith("@@")) {
                    act(line.substring(2).split(" "), answers);
                }
            }
        } finally {
            stack.services.start(stack.layout); // a failed run must not leave the gateway down for other tests
        }
        assertTrue(node.waitFor(240, TimeUnit.SECONDS), "browser test finished");
        assertEquals(0, node.exitValue(), output.toString());
        assertFalse(output.toString().contains("\"ok\":false"), output.toString());
        assertTrue(output.toString().contains("\"name\":\"no page errors\",\"ok\":true"), output.toString());
    }

    /** Does what the script asks of the system, then tells it so. */
    private void act(String[] request, Writer answers) throws IOException {
        switch (request[0]) {
            case "kill-gateway" -> stack.services.kill(stack.layout, "gateway");
            case "fill-gap" -> {
                String run = request[3];
                sendThroughSecondGateway(request[1], "bob", run,
                        List.of("sent while you were away 1 " + run, "sent while you were away 2 " + run));
                sendThroughSecondGateway(request[2], "carol", run, List.of("hello, quiet room " + run));
                stack.services.start(stack.layout);
            }
            default -> throw new IllegalArgumentException("unknown request " + request[0]);
        }
        answers.write("done\n");
        answers.flush();
    }

    /** Sends the texts and waits for their acks; client ids carry the run (an id reused in a room is acked, not stored again). */
    private void sendThroughSecondGateway(String room, String user, String run, List<String> texts) {
        String path = (room.startsWith("private_") ? "/ws/chat/private/" : "/ws/chat/") + room + "/";
        try (WsClient client = WsClient.connect(stack.wsUrl(stack.secondGateway(), path), stack.token(user))) {
            client.await("user_list");
            for (int i = 0; i < texts.size(); i++) {
                String clientId = "gap-" + run + "-" + i;
                client.send(Map.of("type", "message", "message", texts.get(i), "client_id", clientId));
                client.await("ack", f -> f.path("client_id").asText().equals(clientId), Duration.ofSeconds(20));
            }
        }
    }
}
