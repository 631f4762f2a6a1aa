package chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.stack.DevTokens;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One-to-one rooms end to end: only their two members get in, live or through any API. */
class PrivateRoomSystemTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static SystemStack stack;
    private static long alice;
    private static long bob;
    private static long carol;
    private static String room;

    @BeforeAll
    static void startSystem() {
        stack = SystemStack.get();
        alice = me("alice");
        bob = me("bob");
        carol = me("carol");
        HttpResponse<String> created = Api.post(stack.gateway() + "/api/private-rooms", stack.token("alice"),
                "{\"user_id\":" + bob + "}");
        assertEquals(200, created.statusCode() / 100 * 100, created.body());
        room = Api.json(created).path("room").asText();
    }

    private static long me(String user) {
        HttpResponse<String> response = Api.get(stack.gateway() + "/api/users/me", stack.token(user));
        assertEquals(200, response.statusCode(), response.body());
        return Api.json(response).path("user_id").asLong();
    }

    private static String ws(String path) {
        return stack.wsUrl(stack.gateway(), path);
    }

    @Test
    void roomNameIsSortedAndTheSameForBoth() {
        assertEquals("private_" + Math.min(alice, bob) + "_" + Math.max(alice, bob), room);
        HttpResponse<String> fromBob = Api.post(stack.gateway() + "/api/private-rooms", stack.token("bob"),
                "{\"user_id\":" + alice + "}");
        assertEquals(room, Api.json(fromBob).path("room").asText());
    }

    @Test
    void membersExchangeMessagesLiveAndInHistory() {
        try (WsClient a = WsClient.connect(ws("/ws/chat/private/" + room + "/"), stack.token("alice"));
                WsClient b = WsClient.connect(ws("/ws/chat/" + room + "/"), stack.token("bob"))) {
            a.await("user_list", f -> f.path("users").toString().contains("bob"), WAIT);
            String text = "secret " + UUID.randomUUID();
            a.send(Map.of("type", "message", "message", text, "client_id", UUID.randomUUID().toString()));
            JsonNode got = b.await("chat_message", f -> text.equals(f.path("message").asText()), WAIT);
            assertEquals(room, got.path("room").asText());
            assertEquals(alice, got.path("user_id").asLong());
            a.await("ack");
        }
        JsonNode found = Api
                .json(Api.get(stack.gateway() + "/api/rooms/" + room + "/search?q=secret", stack.token("bob")));
        assertTrue(found.path("messages").size() >= 1, found.toString());
        found.path("messages")
                .forEach(m -> assertEquals(room, m.path("room").asText(), "never another room's message"));
        for (String member : List.of("alice", "bob")) {
            HttpResponse<String> history = Api.get(stack.gateway() + "/api/rooms/" + room + "/messages?limit=200",
                    stack.token(member));
            assertEquals(200, history.statusCode(), history.body());
            assertTrue(history.body().contains("secret "), member + " sees the history");
        }
    }

    @Test
    void aStrangerIsRefusedEverywhere() {
        assertEquals(403, WsClient.refusedStatus(ws("/ws/chat/private/" + room + "/"),
                Map.of("Authorization", "Bearer " + stack.token("carol"))), "upgrade, private path");
        assertEquals(403, WsClient.refusedStatus(ws("/ws/chat/" + room + "/"),
                Map.of("Authorization", "Bearer " + stack.token("carol"))), "upgrade, public path");
        assertEquals(403,
                Api.get(stack.gateway() + "/api/rooms/" + room + "/messages", stack.token("carol")).statusCode(),
                "history");
        assertEquals(403,
                Api.get(stack.gateway() + "/api/rooms/" + room + "/presence", stack.token("carol")).statusCode(),
                "presence");
        assertEquals(403,
                Api.get(stack.gateway() + "/api/rooms/" + room + "/search?q=secret", stack.token("carol")).statusCode(),
                "search");
    }

    @Test
    void malformedPrivateNamesAreRefused() {
        Map<String, String> auth = Map.of("Authorization", "Bearer " + stack.token("alice"));
        long lo = Math.min(alice, bob);
        long hi = Math.max(alice, bob);
        assertEquals(400, WsClient.refusedStatus(ws("/ws/chat/private_" + hi + "_" + lo + "/"), auth), "unsorted");
        assertEquals(400, WsClient.refusedStatus(ws("/ws/chat/private_" + alice + "_" + alice + "/"), auth),
                "same id twice");
        assertEquals(400, WsClient.refusedStatus(ws("/ws/chat/private_x_y/"), auth), "not numeric");
        assertEquals(400, WsClient.refusedStatus(ws("/ws/chat/private_lobby/"), auth),
                "a public room cannot be named like a private one");
        assertEquals(404, WsClient.refusedStatus(ws("/ws/chat/private_" + alice + "_987654321/"), auth),
                "unknown user");
    }

    @Test
    void signupThenLoginThenInTheDirectory() {
        String name = "user" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        HttpResponse<String> signup = Api.post(stack.gateway() + "/api/signup", null,
                "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}");
        assertEquals(201, signup.statusCode(), signup.body());
        long id = Api.json(signup).path("user_id").asLong();
        assertEquals(409, Api.post(stack.gateway() + "/api/signup", null,
                "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}").statusCode());
        String token = DevTokens.accessToken(stack.infra, name, password);
        assertEquals(id, Api.json(Api.get(stack.gateway() + "/api/users/me", token)).path("user_id").asLong());
        List<String> names = new ArrayList<>();
        Api.json(Api.get(stack.gateway() + "/api/users", stack.token("carol")))
                .forEach(u -> names.add(u.path("username").asText()));
        assertTrue(names.contains(name), names.toString());
    }
}
