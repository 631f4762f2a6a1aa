package chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading is not buffered for without bound: once its unsent frames
 * pass the gateway's limit it is disconnected (and leaves the room's online list), while
 * the others in the room go on receiving everything.
 */
class StalledReaderSystemTest {

    private static final SystemStack stack = SystemStack.get();

    @Test
    void aReaderThatStopsReadingIsDisconnectedAndOthersGetEverything() {
        String room = SystemStack.randomRoom("stalled");
        String url = stack.wsUrl(stack.gateway(), "/ws/chat/" + room + "/");
        try (WsClient alice = WsClient.connect(url, stack.token("alice"));
                WsClient bob = WsClient.connect(url, stack.token("bob"))) {
            bob.await("user_list", f -> f.path("users").toString().contains("bob"), Duration.ofSeconds(20));
            // carol reads her first frame, then never asks for another: the JDK client stops reading the socket
            WebSocket carol = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("Authorization", "Bearer " + stack.token("carol"))
                    .buildAsync(URI.create(url), new WebSocket.Listener() {

                        @Override
                        public void onOpen(WebSocket webSocket) {
                            // no request(n): no frame will ever be read
                        }

                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            return null;
                        }
                    }).join();
            bob.await("user_list", f -> f.path("users").toString().contains("carol"), Duration.ofSeconds(20));

            // several senders, each within its connection's rate limit: the kernel's socket buffers
            // absorb some megabytes before the gateway's own bound is reached
            java.util.List<WsClient> senders = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                senders.add(WsClient.connect(url, stack.token("alice")));
            }
            String big = "x".repeat(3_900);
            int sent = 0;
            boolean carolDropped = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!carolDropped && System.nanoTime() < deadline) {
                for (WsClient sender : senders) {
                    sender.send(Map.of("type", "message", "message", big, "client_id", "big-" + sent));
                    sent++;
                }
                sleep(60);
                carolDropped = bob.drain("user_list", Duration.ofMillis(1)).stream()
                        .anyMatch(l -> !l.path("users").toString().contains("carol"));
            }
            senders.forEach(WsClient::close);
            System.out.printf("stalled reader: dropped after %d messages of 3.9 kB (%d kB) with a %d kB bound%n",
                    sent, sent * 3_900 / 1024, SystemStack.STALLED_READER_BOUND / 1024);
            assertEquals(true, carolDropped, "the stalled connection was closed");
            assertEquals(sent, bob.messages(sent, Duration.ofSeconds(30)).size(), "bob got every message");
            carol.abort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
