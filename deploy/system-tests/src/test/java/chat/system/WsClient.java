package chat.system;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client (the JDK's) that collects every frame it receives into a queue. */
final class WsClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WebSocket socket;
    private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();

    private WsClient(WebSocket.Builder builder, String url) {
        Listener listener = new Listener();
        this.socket = builder.buildAsync(URI.create(url), listener).join();
    }

    /** Connects with a bearer token header. */
    static WsClient connect(String url, String token) {
        return new WsClient(HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .connectTimeout(Duration.ofSeconds(10)), url);
    }

    /** The HTTP status of a refused upgrade (fails the test if the upgrade succeeds). */
    static int refusedStatus(String url, Map<String, String> headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        try {
            WebSocket ws = builder.buildAsync(URI.create(url), new WebSocket.Listener() {
            }).join();
            ws.abort();
            return fail("upgrade to " + url + " was accepted");
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException handshake) {
                return handshake.getResponse().statusCode();
            }
            throw e;
        }
    }

    boolean isOpen() {
        return !socket.isInputClosed() && !socket.isOutputClosed();
    }

    void send(String frame) {
        socket.sendText(frame, true).join();
    }

    void send(Map<String, ?> frame) {
        try {
            send(JSON.writeValueAsString(frame));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the next frame of this type that matches, skipping (but keeping) others. */
    JsonNode await(String type, Predicate<JsonNode> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (seen) {
            for (JsonNode f : seen) {
                if (type.equals(f.path("type").asText()) && matching.test(f)) {
                    seen.remove(f);
                    return f;
                }
            }
        }
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return fail("no " + type + " frame within " + timeout + "; pending: " + seen);
            }
            JsonNode f;
            try {
                f = frames.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (f == null) {
                continue;
            }
            if (type.equals(f.path("type").asText()) && matching.test(f)) {
                return f;
            }
            synchronized (seen) {
                seen.add(f);
            }
        }
    }

    JsonNode await(String type) {
        return await(type, f -> true, Duration.ofSeconds(15));
    }

    /** Every chat_message received so far and within the wait, until {@code count} are there. */
    List<JsonNode> messages(int count, Duration timeout) {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(await("chat_message", f -> true, timeout));
        }
        return out;
    }

    /**
     * Every frame of these types in arrival order (skipped ones first), until {@code done} holds for
     * them and then a quiet period passed without another (so that an extra frame shows).
     */
    List<JsonNode> framesInOrder(Set<String> types, Predicate<List<JsonNode>> done, Duration timeout) {
        List<JsonNode> out = new ArrayList<>();
        synchronized (seen) {
            seen.removeIf(f -> types.contains(f.path("type").asText()) && out.add(f));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!done.test(out)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return fail("frames not complete within " + timeout + ": " + out);
                }
                JsonNode f = frames.poll(left, TimeUnit.NANOSECONDS);
                if (f != null && types.contains(f.path("type").asText())) {
                    out.add(f);
                }
            }
            JsonNode f;
            while ((f = frames.poll(300, TimeUnit.MILLISECONDS)) != null) {
                if (types.contains(f.path("type").asText())) {
                    out.add(f);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    /** Frames of a type that arrive within a quiet period (for "nothing more comes" checks). */
    List<JsonNode> drain(String type, Duration quiet) {
        List<JsonNode> out = new ArrayList<>();
        synchronized (seen) {
            seen.removeIf(f -> {
                if (type.equals(f.path("type").asText())) {
                    out.add(f);
                    return true;
                }
                return false;
            });
        }
        try {
            JsonNode f;
            while ((f = frames.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                if (type.equals(f.path("type").asText())) {
                    out.add(f);
                } else {
                    synchronized (seen) {
                        seen.add(f); // kept for a later await of its own type
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.abort();
        }
    }

    /** The close status the server sent, or -1 while open. */
    int closeStatus() {
        return closeStatus;
    }

    private volatile int closeStatus = -1;

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeStatus = statusCode;
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    frames.add(JSON.createObjectNode().put("type", "unparseable").put("raw", partial.toString()));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
