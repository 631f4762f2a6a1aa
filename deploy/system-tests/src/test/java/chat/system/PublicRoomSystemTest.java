package chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Public rooms end to end, from outside, as docs/PROTOCOL.md describes them: real Keycloak tokens,
 * the gateway's WebSocket and REST, message-service storing in PostgreSQL, Redis Streams
 * between them, and two gateway instances.
 */
class PublicRoomSystemTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final SystemStack stack = SystemStack.get();

    private WsClient join(String user, String room) {
        return stack.join(stack.gateway(), user, room);
    }

    @Test
    void messageGoesFromOneUserToAnotherWithAck() {
        String room = SystemStack.randomRoom("lobby");
        try (WsClient alice = join("alice", room); WsClient bob = join("bob", room)) {
            alice.send(Map.of("type", "message", "message", "hello <b>bob</b>", "client_id", "c-1"));

            JsonNode ack = alice.await("ack", f -> "c-1".equals(f.path("client_id").asText()), WAIT);
            JsonNode got = bob.await("chat_message", f -> true, WAIT);
            assertEquals(room, got.path("room").asText());
            assertEquals("hello <b>bob</b>", got.path("message").asText(), "raw text, never HTML-escaped or rendered");
            assertEquals("alice", got.path("username").asText());
            assertTrue(got.path("user_id").asLong() > 0);
            assertEquals(1, got.path("seq").asLong());
            assertEquals("c-1", got.path("client_id").asText());
            assertEquals(ack.path("message_id").asLong(), got.path("message_id").asLong());
            assertEquals(1, ack.path("seq").asLong());
            assertTrue(got.path("timestamp").asText().matches("\\d{2}:\\d{2} [AP]M"), got.toString());
            assertTrue(got.path("sent_at").asText().endsWith("Z"), got.toString());
            assertTrue(got.path("image_url").isNull());
            // the sender sees its own message too
            assertEquals(ack.path("message_id").asLong(), alice.await("chat_message").path("message_id").asLong());
        }
    }

    @Test
    void originalUntypedFrameAndIdentityFromTokenNotFrame() {
        String room = SystemStack.randomRoom("legacy");
        try (WsClient alice = join("alice", room); WsClient bob = join("bob", room)) {
            alice.send("{\"message\":\"old client\",\"username\":\"bob\",\"user_id\":999}");
            JsonNode got = bob.await("chat_message");
            assertEquals("old client", got.path("message").asText());
            assertEquals("alice", got.path("username").asText(), "identity comes from the token");
            assertNotEquals(999, got.path("user_id").asLong());
            assertTrue(got.path("client_id").isNull());
            assertTrue(alice.await("ack").path("message_id").asLong() > 0);
        }
    }

    @Test
    void historySurvivesReconnectAndResumeMissesNothing() throws Exception {
        String room = SystemStack.randomRoom("history");
        try (WsClient alice = join("alice", room)) {
            for (int i = 1; i <= 5; i++) {
                alice.send(Map.of("type", "message", "message", "m" + i, "client_id", "h-" + i));
                alice.await("ack", f -> true, WAIT);
            }
        }
        JsonNode page = getJson("/api/rooms/" + room + "/messages", "bob");
        assertEquals(room, page.path("room").asText());
        List<String> texts = new ArrayList<>();
        page.path("messages").forEach(m -> texts.add(m.path("message").asText()));
        assertEquals(List.of("m1", "m2", "m3", "m4", "m5"), texts, "oldest first");

        JsonNode after = getJson("/api/rooms/" + room + "/messages?after_seq=3", "bob");
        assertEquals(2, after.path("messages").size());
        assertEquals(4, after.path("messages").get(0).path("seq").asLong());

        try (WsClient bob = join("bob", room)) {
            bob.send(Map.of("type", "resume", "after_seq", 2));
            List<JsonNode> resumed = bob.messages(3, WAIT);
            assertEquals(List.of(3L, 4L, 5L), resumed.stream().map(m -> m.path("seq").asLong()).toList());
            assertTrue(bob.drain("chat_message", Duration.ofMillis(500)).isEmpty(), "nothing twice");
        }
    }

    @Test
    void seqIsContiguousAndOrderedUnderConcurrentSenders() throws Exception {
        String room = SystemStack.randomRoom("busy");
        int senders = 10;
        int perSender = 100;
        try (WsClient watcherOne = join("carol", room);
                WsClient watcherTwo = stack.join(stack.secondGateway(), "bob", room)) {
            ExecutorService pool = Executors.newFixedThreadPool(senders);
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                String user = List.of("alice", "bob", "carol").get(s % 3);
                int sender = s;
                done.add(pool.submit(() -> {
                    try (WsClient client = stack.join(sender % 2 == 0 ? stack.gateway() : stack.secondGateway(), user,
                            room)) {
                        for (int i = 0; i < perSender; i++) {
                            client.send(Map.of("type", "message", "message", sender + ":" + i, "client_id",
                                    "s" + sender + "-" + i));
                            Thread.sleep(55); // within the per-connection rate limit (20 frames/s)
                        }
                        // every frame is answered: an ack, or a refusal (rate limit under load) that is re-sent
                        java.util.Set<String> acked = new java.util.HashSet<>();
                        long deadline = System.nanoTime() + WAIT.toNanos() * 2;
                        while (acked.size() < perSender && System.nanoTime() < deadline) {
                            client.drain("ack", Duration.ofMillis(100))
                                    .forEach(a -> acked.add(a.path("client_id").asText()));
                            for (JsonNode refused : client.drain("error", Duration.ofMillis(1))) {
                                String id = refused.path("client_id").asText();
                                Thread.sleep(200);
                                client.send(Map.of("type", "message", "message", id.substring(1).replace('-', ':'),
                                        "client_id", id));
                            }
                        }
                        assertEquals(perSender, acked.size(), "every message of sender " + sender + " acknowledged");
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            for (WsClient watcher : List.of(watcherOne, watcherTwo)) {
                List<JsonNode> got = watcher.messages(senders * perSender, WAIT);
                for (int i = 0; i < got.size(); i++) {
                    assertEquals(i + 1, got.get(i).path("seq").asLong(), "seq in order with no gap or repeat");
                }
                assertTrue(watcher.drain("chat_message", Duration.ofMillis(500)).isEmpty(), "each message once");
            }
        }
    }

    @Test
    void twoGatewaysDeliverEveryMessageOnceToEachSide() {
        String room = SystemStack.randomRoom("twogw");
        try (WsClient alice = stack.join(stack.gateway(), "alice", room);
                WsClient bob = stack.join(stack.secondGateway(), "bob", room)) {
            alice.send(Map.of("type", "message", "message", "from gateway one", "client_id", "a"));
            bob.send(Map.of("type", "message", "message", "from gateway two", "client_id", "b"));
            Set<String> aliceSaw = new HashSet<>();
            Set<String> bobSaw = new HashSet<>();
            alice.messages(2, WAIT).forEach(m -> aliceSaw.add(m.path("message").asText()));
            bob.messages(2, WAIT).forEach(m -> bobSaw.add(m.path("message").asText()));
            assertEquals(Set.of("from gateway one", "from gateway two"), aliceSaw);
            assertEquals(aliceSaw, bobSaw);
            assertTrue(alice.drain("chat_message", Duration.ofMillis(500)).isEmpty());
            assertTrue(bob.drain("chat_message", Duration.ofMillis(100)).isEmpty());
        }
    }

    @Test
    void eachFrameGetsOneAckAfterItsMessageOnTheSendersGatewayOnly() {
        String room = SystemStack.randomRoom("acks");
        Set<String> answers = Set.of("chat_message", "ack");
        try (WsClient alice = stack.join(stack.gateway(), "alice", room);
                WsClient bob = stack.join(stack.secondGateway(), "bob", room)) {
            alice.send(Map.of("type", "message", "message", "from one", "client_id", "a-1"));
            bob.send(Map.of("type", "message", "message", "from two", "client_id", "b-1"));
            List<JsonNode> aliceSaw = alice.framesInOrder(answers,
                    f -> count(f, "chat_message") == 2 && count(f, "ack") == 1,
                    WAIT);
            List<JsonNode> bobSaw = bob.framesInOrder(answers,
                    f -> count(f, "chat_message") == 2 && count(f, "ack") == 1,
                    WAIT);
            JsonNode aliceAck = onlyAckAfterItsMessage(aliceSaw, "a-1");
            JsonNode bobAck = onlyAckAfterItsMessage(bobSaw, "b-1");
            assertNotEquals(aliceAck.path("message_id").asLong(), bobAck.path("message_id").asLong());

            // a repeat of a stored frame: one more ack for the same message, nothing for the room
            alice.send(Map.of("type", "message", "message", "from one", "client_id", "a-1"));
            List<JsonNode> again = alice.framesInOrder(answers, f -> count(f, "ack") == 1, WAIT);
            assertEquals(1, again.size(), "only the ack: " + again);
            assertEquals(aliceAck, again.get(0));
            assertTrue(bob.drain("chat_message", Duration.ofMillis(300)).isEmpty());
            assertTrue(bob.drain("ack", Duration.ofMillis(100)).isEmpty(), "no ack for another connection's frame");
        }
    }

    private static long count(List<JsonNode> frames, String type) {
        return frames.stream().filter(f -> type.equals(f.path("type").asText())).count();
    }

    /** The one ack among the frames: for this client_id, with the wire shape exactly, after the message it confirms. */
    private static JsonNode onlyAckAfterItsMessage(List<JsonNode> frames, String clientId) {
        List<JsonNode> acks = frames.stream().filter(f -> "ack".equals(f.path("type").asText())).toList();
        assertEquals(1, acks.size(), frames.toString());
        JsonNode ack = acks.get(0);
        assertEquals(List.of("type", "client_id", "message_id", "seq"), fieldNames(ack));
        assertEquals(clientId, ack.path("client_id").asText());
        int message = -1;
        for (int i = 0; i < frames.size(); i++) {
            if ("chat_message".equals(frames.get(i).path("type").asText())
                    && clientId.equals(frames.get(i).path("client_id").asText())) {
                message = i;
            }
        }
        assertTrue(message >= 0 && message < frames.indexOf(ack), "chat_message, then its ack: " + frames);
        assertEquals(frames.get(message).path("message_id").asLong(), ack.path("message_id").asLong());
        assertEquals(frames.get(message).path("seq").asLong(), ack.path("seq").asLong());
        assertFalse(frames.get(message).has("origin") || frames.get(message).has("ack"), "no routing in the frame");
        return ack;
    }

    private static List<String> fieldNames(JsonNode frame) {
        List<String> names = new ArrayList<>();
        frame.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void sameClientIdTwiceStoresOneMessage() throws Exception {
        String room = SystemStack.randomRoom("idem");
        try (WsClient alice = join("alice", room)) {
            alice.send(Map.of("type", "message", "message", "once", "client_id", "dup-1"));
            JsonNode first = alice.await("ack");
            alice.send(Map.of("type", "message", "message", "once", "client_id", "dup-1"));
            JsonNode second = alice.await("ack");
            assertEquals(first.path("message_id").asLong(), second.path("message_id").asLong());
            assertEquals(first.path("seq").asLong(), second.path("seq").asLong());
        }
        assertEquals(1, getJson("/api/rooms/" + room + "/messages", "alice").path("messages").size());
    }

    @Test
    void badFramesGetErrorsAndTheConnectionStaysUsable() {
        String room = SystemStack.randomRoom("bad");
        try (WsClient alice = join("alice", room)) {
            alice.send("{not json");
            assertEquals("bad_frame", alice.await("error").path("code").asText());
            alice.send("{\"type\":\"dance\"}");
            assertEquals("bad_frame", alice.await("error").path("code").asText());
            alice.send("{\"type\":\"message\"}");
            assertEquals("bad_frame", alice.await("error").path("code").asText());
            alice.send("[1,2]");
            assertEquals("bad_frame", alice.await("error").path("code").asText());
            alice.send(Map.of("type", "message", "message", "x".repeat(4001)));
            assertEquals("too_large", alice.await("error").path("code").asText());
            alice.send("{\"type\":\"ping\"}");
            alice.await("pong");
            alice.send(Map.of("type", "message", "message", "still here", "client_id", "ok"));
            assertEquals("ok", alice.await("ack").path("client_id").asText());
        }
        assertEquals(1, getJsonUnchecked("/api/rooms/" + room + "/messages", "alice").path("messages").size(),
                "nothing of the refused frames was stored");
    }

    @Test
    void upgradeRefusals() {
        String url = stack.wsUrl(stack.gateway(), "/ws/chat/lobby/");
        assertEquals(401, WsClient.refusedStatus(url, Map.of()), "no token");
        assertEquals(401, WsClient.refusedStatus(url, Map.of("Authorization", "Bearer not-a-token")), "bad token");
        assertEquals(401, WsClient.refusedStatus(url + "?access_token=" + stack.token("alice"), Map.of()),
                "tokens in URLs are refused");
        assertEquals(403, WsClient.refusedStatus(url, Map.of("Authorization", "Bearer " + stack.token("alice"),
                "Origin", "http://evil.example")), "foreign origin");
        assertEquals(400, WsClient.refusedStatus(stack.wsUrl(stack.gateway(), "/ws/chat/bad%20name/"),
                Map.of("Authorization", "Bearer " + stack.token("alice"))), "bad room name");
    }

    @Test
    void ownOriginIsAllowedAndPathWithoutSlashWorks() {
        String room = SystemStack.randomRoom("origin");
        try (WsClient alice = WsClient.connect(stack.wsUrl(stack.gateway(), "/ws/chat/" + room),
                stack.token("alice"))) {
            alice.await("user_list");
            alice.send("{\"type\":\"ping\"}");
            alice.await("pong");
        }
    }

    @Test
    void historyApiNeedsAToken() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(stack.gateway() + "/api/rooms/lobby/messages")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode());
        HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gateway() + "/api/nothing"))
                .header("Authorization", "Bearer " + stack.token("alice")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode());
        assertFalse(unknown.body().isEmpty());
    }

    private JsonNode getJsonUnchecked(String path, String user) {
        try {
            return getJson(path, user);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode getJson(String path, String user) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gateway() + path))
                .header("Authorization", "Bearer " + stack.token(user)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return WsClient.JSON.readTree(response.body());
    }
}
