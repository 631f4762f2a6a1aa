package chat.load;

import chat.stack.DevTokens;
import chat.stack.InfraEndpoints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * Load tool: opens many real WebSocket connections through the gateway (with real Keycloak
 * tokens), lets some of them send at a fixed rate, and measures what users feel: time to
 * {@code ack} (stored) and time to delivery at every receiver, and deliveries per second.
 *
 * <pre>
 * java -cp ... chat.load.LoadTool --gateway http://127.0.0.1:8080 --keycloak http://127.0.0.1:8180 \
 *     --rooms 2 --connections 200 --senders 10 --rate 10 --seconds 30
 * # ingest: 400 rooms x 4 members, every member sending 5/s = 8,000 messages/s
 * java -cp ... chat.load.LoadTool --rooms 400 --connections 1600 --senders all --rate 5 --seconds 30
 * </pre>
 * At the end it reports what was sent, acknowledged, refused (by error code) and left
 * unanswered, so that loss shows, not only latency.
 * Sending is bounded by count and time and goes to the given gateway only.
 */
public final class LoadTool {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> options;
    private final Recorder ackLatency = new Recorder(3);
    private final Recorder deliveryLatency = new Recorder(3);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Map<String, Long> sendTimes = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errorCodes = new java.util.concurrent.ConcurrentSkipListMap<>();

    private LoadTool(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("gateway", "http://127.0.0.1:8080",
                "keycloak", "http://127.0.0.1:8180", "rooms", "1", "connections", "100", "senders", "10",
                "rate", "10", "seconds", "20", "users", "alice,bob,carol"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new LoadTool(options).run();
    }

    private int intOption(String name) {
        return Integer.parseInt(options.get(name));
    }

    private void run() throws Exception {
        InfraEndpoints infra = new InfraEndpoints("", 0, "", "", "", options.get("keycloak"));
        String[] users = options.get("users").split(",");
        Map<String, String> tokens = new HashMap<>();
        for (String user : users) {
            tokens.put(user, DevTokens.accessToken(infra, user));
        }
        int rooms = intOption("rooms");
        int connections = intOption("connections");
        int senders = "all".equals(options.get("senders")) ? connections : Math.min(intOption("senders"), connections);
        String run = UUID.randomUUID().toString().substring(0, 6);
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
        String ws = options.get("gateway").replaceFirst("^http", "ws");

        List<WebSocket> sockets = new ArrayList<>();
        List<String> socketRooms = new ArrayList<>();
        long connectStart = System.nanoTime();
        List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            String room = "load-" + run + "-" + (i % rooms);
            String user = users[i % users.length];
            socketRooms.add(room);
            opening.add(http.newWebSocketBuilder().header("Authorization", "Bearer " + tokens.get(user))
                    .connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(URI.create(ws + "/ws/chat/" + room + "/"), new Listener()));
            if (opening.size() % 200 == 0) {
                CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).join();
            }
        }
        for (CompletableFuture<WebSocket> f : opening) {
            sockets.add(f.join());
        }
        System.out.printf("connected %d sockets in %d rooms in %.1f s%n", connections, rooms,
                (System.nanoTime() - connectStart) / 1e9);
        Thread.sleep(1000); // let the joins and user lists settle

        int rate = intOption("rate");
        int seconds = intOption("seconds");
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        long periodMicros = 1_000_000L / rate;
        long start = System.nanoTime();
        for (int s = 0; s < senders; s++) {
            WebSocket socket = sockets.get(s);
            scheduler.scheduleAtFixedRate(() -> send(socket), s * periodMicros / senders, periodMicros, TimeUnit.MICROSECONDS);
        }
        for (int second = 1; second <= seconds; second++) {
            Thread.sleep(1000);
            report(second, start);
        }
        scheduler.shutdownNow();
        Thread.sleep(3000); // drain in-flight deliveries
        System.out.println("--- totals ---");
        System.out.printf("sent %d, acked %d, errors %d %s, unanswered %d, deliveries %d (%.0f/s over the sending period)%n",
                sent.get(), acked.get(), errors.get(), errorCodes, sendTimes.size(), delivered.get(),
                delivered.get() / (double) seconds);
        System.out.printf("stored and acknowledged: %.0f messages/s%n", acked.get() / (double) seconds);
        summary("ack latency (stored + acked)", ackLatency);
        summary("delivery latency (send to receive)", deliveryLatency);
        for (WebSocket socket : sockets) {
            socket.abort();
        }
        System.exit(0);
    }

    private void send(WebSocket socket) {
        String clientId = UUID.randomUUID().toString();
        long now = System.nanoTime();
        sendTimes.put(clientId, now);
        String frame = "{\"type\":\"message\",\"client_id\":\"" + clientId + "\",\"message\":\"t=" + now + "\"}";
        synchronized (socket) {
            socket.sendText(frame, true).join();
        }
        sent.incrementAndGet();
    }

    private final org.HdrHistogram.Histogram totalAck = new org.HdrHistogram.Histogram(3);
    private final org.HdrHistogram.Histogram totalDelivery = new org.HdrHistogram.Histogram(3);
    private long lastDelivered;

    private void report(int second, long start) {
        org.HdrHistogram.Histogram acks = ackLatency.getIntervalHistogram();
        org.HdrHistogram.Histogram deliveries = deliveryLatency.getIntervalHistogram();
        totalAck.add(acks);
        totalDelivery.add(deliveries);
        long d = delivered.get();
        System.out.printf("%3d s  sent %7d  acked %7d  deliveries/s %8d  ack p99 %6.1f ms  delivery p50 %6.1f p99 %6.1f ms%n",
                second, sent.get(), acked.get(), d - lastDelivered, acks.getValueAtPercentile(99) / 1000.0,
                deliveries.getValueAtPercentile(50) / 1000.0, deliveries.getValueAtPercentile(99) / 1000.0);
        lastDelivered = d;
    }

    private void summary(String what, Recorder rest) {
        org.HdrHistogram.Histogram h = what.startsWith("ack") ? totalAck : totalDelivery;
        h.add(rest.getIntervalHistogram());
        System.out.printf("%s: n=%d p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, h.getTotalCount(),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
    }

    /** Reads frames: acks and chat messages carry the send time of their message. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                onFrame(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void onFrame(String raw) {
            long now = System.nanoTime();
            try {
                JsonNode frame = JSON.readTree(raw);
                switch (frame.path("type").asText()) {
                    case "ack" -> {
                        Long sentAt = sendTimes.remove(frame.path("client_id").asText());
                        acked.incrementAndGet();
                        if (sentAt != null) {
                            ackLatency.recordValue(Math.max(0, (now - sentAt) / 1000));
                        }
                    }
                    case "chat_message" -> {
                        delivered.incrementAndGet();
                        String text = frame.path("message").asText();
                        if (text.startsWith("t=")) {
                            deliveryLatency.recordValue(Math.max(0, (now - Long.parseLong(text.substring(2))) / 1000));
                        }
                    }
                    case "error" -> {
                        errors.incrementAndGet();
                        errorCodes.computeIfAbsent(frame.path("code").asText(), c -> new AtomicLong()).incrementAndGet();
                        sendTimes.remove(frame.path("client_id").asText());
                    }
                    default -> { }
                }
            } catch (Exception e) {
                errors.incrementAndGet();
            }
        }
    }
}
