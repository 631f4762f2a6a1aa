package chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.stack.Infrastructure;
import chat.stack.ServiceKind;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The message pipeline under hostile input and outages, from outside: no frame stalls other
 * users, every message frame is answered ({@code ack} or an {@code error} with its client_id),
 * nothing acknowledged is lost or stored twice, and nothing is dead-lettered for an outage.
 */
class PipelineSystemTest {

    private static final SystemStack stack = SystemStack.get();

    private String ws(String room) {
        return stack.wsUrl(stack.gateway(), "/ws/chat/" + room + "/");
    }

    @Test
    void controlCharactersAreRefusedAndStallNobody() {
        String room = SystemStack.randomRoom("nul");
        String other = SystemStack.randomRoom("bystander");
        try (WsClient mallory = WsClient.connect(ws(room), stack.token("carol"));
                WsClient bob = WsClient.connect(ws(other), stack.token("bob"))) {
            for (int i = 0; i < 10; i++) {
                mallory.send("{\"type\":\"message\",\"message\":\"a\\u0000b\",\"client_id\":\"nul-" + i + "\"}");
                mallory.send("{\"type\":\"message\",\"message\":\"hi\",\"client_id\":\"id\\u0000" + i + "\"}");
            }
            long started = System.nanoTime();
            bob.send(Map.of("type", "message", "message", "am I stuck?", "client_id", "bob-1"));
            JsonNode ack = bob.await("ack", f -> "bob-1".equals(f.path("client_id").asText()), Duration.ofSeconds(10));
            System.out.printf("pipeline: a bystander's message acknowledged %d ms after 20 frames with U+0000%n",
                    (System.nanoTime() - started) / 1_000_000);
            assertTrue(ack.path("seq").asLong() >= 1);

            Set<String> refusedIds = new TreeSet<>();
            for (int i = 0; i < 20; i++) {
                JsonNode error = mallory.await("error", f -> true, Duration.ofSeconds(10));
                assertEquals("bad_frame", error.path("code").asText(), error.toString());
                assertTrue(!error.path("reason").asText().isBlank());
                if (!error.path("client_id").isNull()) {
                    refusedIds.add(error.path("client_id").asText());
                }
            }
            for (int i = 0; i < 10; i++) {
                assertTrue(refusedIds.contains("nul-" + i), "the refusal names the frame: " + refusedIds);
            }
            assertTrue(mallory.isOpen(), "a bad frame does not cost the connection");
            JsonNode history = Api
                    .json(Api.get(stack.gateway() + "/api/rooms/" + room + "/messages", stack.token("carol")));
            assertEquals(0, history.path("messages").size(), "nothing was stored");
        }
    }

    @Test
    void onlyOneSpellingNamesAPrivateRoom() {
        Map<String, String> auth = Map.of("Authorization", "Bearer " + stack.token("alice"));
        for (String name : List.of("private_01_2", "private_1_02", "private_+1_2")) {
            String url = stack.wsUrl(stack.gateway(), "/ws/chat/private/" + name + "/");
            assertEquals(400, WsClient.refusedStatus(url, auth), name);
            assertEquals(400,
                    Api.get(stack.gateway() + "/api/rooms/" + name + "/messages", stack.token("alice")).statusCode(),
                    name);
        }
    }

    /** Ten resume frames at once on one socket: the history arrives once, not ten times. */
    @Test
    void concurrentResumesOnOneSocketDeliverEachMessageOnce() {
        String room = SystemStack.randomRoom("resumes");
        try (WsClient alice = WsClient.connect(ws(room), stack.token("alice"));
                WsClient bob = WsClient.connect(ws(room), stack.token("bob"))) {
            for (int i = 0; i < 50; i++) {
                alice.send(Map.of("type", "message", "message", "a" + i, "client_id", "a-" + i));
                bob.send(Map.of("type", "message", "message", "b" + i, "client_id", "b-" + i));
            }
            for (int i = 0; i < 50; i++) {
                alice.await("ack");
                bob.await("ack");
            }
        }
        try (WsClient carol = WsClient.connect(ws(room), stack.token("carol"))) {
            carol.await("user_list");
            for (int i = 0; i < 10; i++) {
                carol.send(Map.of("type", "resume", "after_seq", 0));
            }
            List<JsonNode> got = carol.messages(100, Duration.ofSeconds(20));
            for (int i = 0; i < got.size(); i++) {
                assertEquals(i + 1, got.get(i).path("seq").asLong(), "in order, once");
            }
            assertTrue(carol.drain("chat_message", Duration.ofSeconds(2)).isEmpty(), "nothing twice");
            List<JsonNode> refused = carol.drain("error", Duration.ofMillis(200));
            assertTrue(refused.stream().allMatch(e -> e.path("code").asText().equals("rate_limited")),
                    refused.toString());
        }
    }

    /** PostgreSQL stopped for 25 s while a client sends 10 messages a second. */
    @Test
    void postgresOutageAnswersEveryFrameAndLosesNothing() throws Exception {
        String room = SystemStack.randomRoom("pgdown");
        Map<String, String> answers = new ConcurrentHashMap<>(); // client_id -> "ack" or the error code
        Map<String, Long> seqOf = new ConcurrentHashMap<>();
        try (WsClient alice = WsClient.connect(ws(room), stack.token("alice"))) {
            alice.await("user_list");
            int sent = 0;
            long stopAt = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            long restartAt = stopAt + Duration.ofSeconds(25).toNanos();
            long endAt = restartAt + Duration.ofSeconds(5).toNanos();
            boolean stopped = false;
            boolean restarted = false;
            while (System.nanoTime() < endAt) {
                if (!stopped && System.nanoTime() >= stopAt) {
                    Infrastructure.stopPostgres();
                    stopped = true;
                }
                if (stopped && !restarted && System.nanoTime() >= restartAt) {
                    Infrastructure.ensureRunning();
                    restarted = true;
                }
                alice.send(Map.of("type", "message", "message", "m" + sent, "client_id", "pg-" + sent));
                sent++;
                collect(alice, answers, seqOf);
                Thread.sleep(100);
            }
            if (!restarted) {
                Infrastructure.ensureRunning();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (answers.size() < sent && System.nanoTime() < deadline) {
                collect(alice, answers, seqOf);
                Thread.sleep(100);
            }
            assertEquals(sent, answers.size(), "every frame answered: " + missing(sent, answers));
            long unavailable = answers.values().stream().filter("unavailable"::equals).count();
            assertTrue(answers.values().stream().allMatch(a -> a.equals("ack") || a.equals("unavailable")),
                    answers.toString());

            // a client retries what was not confirmed, with the same client_id
            for (Map.Entry<String, String> a : new LinkedHashMap<>(answers).entrySet()) {
                String answer = a.getValue();
                for (int attempt = 0; !answer.equals("ack"); attempt++) {
                    assertTrue(attempt < 10, a.getKey() + " never acknowledged: " + answer);
                    alice.send(Map.of("type", "message", "message", "retry", "client_id", a.getKey()));
                    answer = answerTo(alice, a.getKey(), seqOf);
                }
            }
            System.out.printf(
                    "pipeline: %d frames during a 25 s PostgreSQL outage, %d answered unavailable, all stored once after retries%n",
                    sent, unavailable);
            List<JsonNode> stored = history(room);
            assertEquals(sent, stored.size(), "each message stored exactly once");
            Set<String> ids = new TreeSet<>();
            for (int i = 0; i < stored.size(); i++) {
                assertEquals(i + 1, stored.get(i).path("seq").asLong(), "gap-free seq");
                ids.add(stored.get(i).path("client_id").asText());
            }
            assertEquals(sent, ids.size());
            seqOf.forEach((id, seq) -> assertEquals(id, stored.get((int) (seq - 1)).path("client_id").asText()));
            assertEquals(0, stack.deadLetters(), "an outage dead-letters nothing");
        }
    }

    /** Two message-service instances share the partitions; one is SIGKILLed mid-run. */
    @Test
    void killedMessageServiceInstanceHandsItsPartitionsOver() throws Exception {
        int secondPort = stack.services.portBase() + 12;
        stack.services.startInstance(stack.layout, ServiceKind.MESSAGE, secondPort, "message-2");
        List<String> rooms = new ArrayList<>();
        List<WsClient> clients = new ArrayList<>();
        Map<String, Map<String, String>> answers = new ConcurrentHashMap<>();
        try {
            Thread.sleep(3000); // the newcomer takes its share of the partitions
            for (int r = 0; r < 6; r++) {
                String room = SystemStack.randomRoom("failover" + r);
                rooms.add(room);
                clients.add(WsClient.connect(ws(room), stack.token(List.of("alice", "bob", "carol").get(r % 3))));
                answers.put(room, new ConcurrentHashMap<>());
            }
            int perRoom = 60;
            for (int i = 0; i < perRoom; i++) {
                if (i == perRoom / 3) {
                    stack.services.kill(stack.layout, "message");
                }
                for (int r = 0; r < rooms.size(); r++) {
                    clients.get(r).send(Map.of("type", "message", "message", "f" + i, "client_id", "f-" + i));
                    collect(clients.get(r), answers.get(rooms.get(r)), new ConcurrentHashMap<>());
                }
                Thread.sleep(200); // 5 messages/s per room: each user's two rooms stay within one connection's rate
            }
            stack.services.start(stack.layout); // the killed instance back: the gateway reads history from it
            for (int r = 0; r < rooms.size(); r++) {
                WsClient c = clients.get(r);
                Map<String, String> got = answers.get(rooms.get(r));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (System.nanoTime() < deadline) {
                    collect(c, got, new ConcurrentHashMap<>());
                    List<String> unconfirmed = new ArrayList<>();
                    for (int i = 0; i < perRoom; i++) {
                        String id = "f-" + i;
                        if (!"ack".equals(got.get(id)) && got.containsKey(id)) {
                            unconfirmed.add(id);
                        }
                    }
                    if (got.size() == perRoom && unconfirmed.isEmpty()) {
                        break;
                    }
                    for (String id : unconfirmed) { // retried with the same client_id, as a client does
                        got.remove(id);
                        c.send(Map.of("type", "message", "message", "retry", "client_id", id));
                    }
                    Thread.sleep(500);
                }
                assertEquals(perRoom, got.values().stream().filter("ack"::equals).count(),
                        "all acknowledged in " + rooms.get(r));
                List<JsonNode> stored = history(rooms.get(r));
                assertEquals(perRoom, stored.size(), "stored once each in " + rooms.get(r));
                Set<String> ids = new TreeSet<>();
                for (int i = 0; i < stored.size(); i++) {
                    assertEquals(i + 1, stored.get(i).path("seq").asLong());
                    ids.add(stored.get(i).path("client_id").asText());
                }
                assertEquals(perRoom, ids.size());
            }
        } finally {
            clients.forEach(WsClient::close);
            stack.services.stopInstance(stack.layout, "message-2");
            stack.services.start(stack.layout); // the killed instance back, for the tests after this one
        }
    }

    /** Waits for the one answer to the frame with this client id: "ack" or the error code. */
    private static String answerTo(WsClient client, String clientId, Map<String, Long> seqOf) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode ack : client.drain("ack", Duration.ofMillis(50))) {
                if (clientId.equals(ack.path("client_id").asText())) {
                    seqOf.put(clientId, ack.path("seq").asLong());
                    return "ack";
                }
            }
            for (JsonNode error : client.drain("error", Duration.ofMillis(1))) {
                if (clientId.equals(error.path("client_id").asText())) {
                    return error.path("code").asText();
                }
            }
        }
        return org.junit.jupiter.api.Assertions.fail("no answer to the frame " + clientId + " within 30 s");
    }

    private List<JsonNode> history(String room) {
        List<JsonNode> out = new ArrayList<>();
        long after = 0;
        while (true) {
            var response = Api.get(stack.gateway() + "/api/rooms/" + room + "/messages?limit=200&after_seq=" + after,
                    stack.token("alice"));
            assertEquals(200, response.statusCode(), response.body());
            JsonNode page = Api.json(response);
            page.path("messages").forEach(out::add);
            if (page.path("messages").size() < 200) {
                return out;
            }
            after = out.get(out.size() - 1).path("seq").asLong();
        }
    }

    private static void collect(WsClient client, Map<String, String> answers, Map<String, Long> seqOf) {
        for (JsonNode ack : client.drain("ack", Duration.ofMillis(1))) {
            answers.put(ack.path("client_id").asText(), "ack");
            seqOf.put(ack.path("client_id").asText(), ack.path("seq").asLong());
        }
        for (JsonNode error : client.drain("error", Duration.ofMillis(1))) {
            if (!error.path("client_id").isNull()) {
                answers.putIfAbsent(error.path("client_id").asText(), error.path("code").asText());
            }
        }
    }

    private static String missing(int sent, Map<String, String> answers) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < sent; i++) {
            if (!answers.containsKey("pg-" + i)) {
                missing.add("pg-" + i);
            }
        }
        return missing.toString();
    }
}
