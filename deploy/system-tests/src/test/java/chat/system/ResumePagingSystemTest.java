package chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.stack.ServiceKind;
import chat.stack.ServiceSet;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A {@code resume} is replayed page by page within a memory budget: many sockets resuming a
 * large room at once each get every message once and in order, including those sent while
 * they resume, and the gateway's history bytes in flight stay within
 * {@code max-concurrent x page-bytes} (read from its meters, not from heap timing).
 */
class ResumePagingSystemTest {

    private static final int STORED = 10_000;
    private static final int SOCKETS = 20;
    private static final int LIVE = 20;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final SystemStack stack = SystemStack.get();

    @Test
    void twentySocketsResumingTenThousandMessagesEachGetEveryMessageOnceInOrderWithinTheBudget() throws Exception {
        String room = SystemStack.randomRoom("resume");
        seed(room, STORED);
        String metricsUrl = ServiceSet.managementUrl(stack.services.port(ServiceKind.GATEWAY)) + "/q/metrics";
        double pagesBefore = ObservabilitySystemTest.value(Api.get(metricsUrl, null).body(), "chat_resume_pages_total",
                "");
        String ws = stack.wsUrl(stack.gateway(), "/ws/chat/" + room + "/");
        List<WsClient> sockets = new ArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(SOCKETS);
        try (WsClient sender = WsClient.connect(ws, stack.token("bob"))) {
            sender.await("user_list");
            for (int i = 0; i < SOCKETS; i++) {
                WsClient socket = WsClient.connect(ws, stack.token("alice"));
                socket.await("user_list");
                sockets.add(socket);
            }
            for (WsClient socket : sockets) {
                socket.send(Map.of("type", "resume", "after_seq", 0));
            }
            List<Future<List<Long>>> received = new ArrayList<>();
            for (WsClient socket : sockets) {
                received.add(readers.submit(() -> seqs(socket, STORED + LIVE)));
            }
            for (int i = 0; i < LIVE; i++) { // live messages while the history is replayed: handed over without gap or twice
                String clientId = UUID.randomUUID().toString();
                sender.send(Map.of("type", "message", "message", "live " + i, "client_id", clientId));
                sender.await("ack", f -> clientId.equals(f.path("client_id").asText()), WAIT);
            }
            List<Long> expected = LongStream.rangeClosed(1, STORED + LIVE).boxed().toList();
            for (int i = 0; i < SOCKETS; i++) {
                assertEquals(expected, received.get(i).get(WAIT.toSeconds() * 2, TimeUnit.SECONDS), "socket " + i);
            }
            for (WsClient socket : sockets) {
                assertTrue(socket.drain("chat_message", Duration.ofMillis(300)).isEmpty(), "nothing written twice");
            }
        } finally {
            readers.shutdownNow();
            sockets.forEach(WsClient::close);
        }
        String metrics = Api.get(metricsUrl, null).body();
        double peakBytes = ObservabilitySystemTest.value(metrics, "chat_resume_bytes_in_flight_peak", "");
        double pages = ObservabilitySystemTest.value(metrics, "chat_resume_pages_total", "") - pagesBefore;
        double peakActive = ObservabilitySystemTest.value(metrics, "chat_resume_active_peak", "");
        // one page per replaying connection, at most RESUME_CONCURRENCY of them (a page may pass its
        // budget by one message, under 1 KiB here)
        long bound = SystemStack.RESUME_CONCURRENCY * (SystemStack.RESUME_PAGE_BYTES + 1024L);
        assertTrue(peakBytes > 0 && peakBytes <= bound,
                "history bytes in flight peaked at " + peakBytes + ", bound " + bound);
        assertTrue(peakActive >= 2 && peakActive <= SystemStack.RESUME_CONCURRENCY, "replays at once: " + peakActive);
        assertTrue(pages >= SOCKETS * (STORED / 200.0), "replayed in pages, not at once: " + pages + " pages");
        assertEquals(0, ObservabilitySystemTest.value(metrics, "chat_resume_bytes_in_flight", ""), "nothing left held");
    }

    /** Every chat_message seq a socket receives, until it has {@code count} of them. */
    private static List<Long> seqs(WsClient socket, int count) {
        List<Long> seqs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            seqs.add(socket.await("chat_message", f -> true, WAIT).path("seq").asLong());
        }
        return seqs;
    }

    /** Stores a room's history straight into message-service's database (10,000 sends would take minutes). */
    private static void seed(String room, int count) throws Exception {
        try (Connection db = DriverManager.getConnection(stack.infra.jdbcUrl(ServiceKind.MESSAGE.database()),
                stack.infra.dbUser(), stack.infra.dbPassword())) {
            try (PreparedStatement sequence = db
                    .prepareStatement("INSERT INTO room_sequence (room, last_seq) VALUES (?, ?)")) {
                sequence.setString(1, room);
                sequence.setLong(2, count);
                sequence.executeUpdate();
            }
            try (PreparedStatement messages = db.prepareStatement("INSERT INTO message "
                    + "(id, room, seq, user_id, username, text, idempotency_key, sent_at) "
                    + "SELECT nextval('message_id_seq'), ?, g, 0, 'history', 'stored ' || g || ' ' || repeat('x', 300), "
                    + "'seed:' || g, now() FROM generate_series(1, ?) g")) {
                messages.setString(1, room);
                messages.setInt(2, count);
                messages.executeUpdate();
            }
        }
    }
}
