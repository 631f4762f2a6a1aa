package chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Presence, typing and read receipts across rooms and gateways. */
class PresenceSystemTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final SystemStack stack = SystemStack.get();

    private static List<String> users(JsonNode userList) {
        return WsClient.JSON.convertValue(userList.path("users"), WsClient.JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
    }

    @Test
    void userListsArePerRoom() {
        String x = SystemStack.randomRoom("px");
        String y = SystemStack.randomRoom("py");
        try (WsClient aliceInX = stack.join(stack.gateway(), "alice", x);
                WsClient bobInY = stack.join(stack.secondGateway(), "bob", y);
                WsClient carolInY = stack.join(stack.gateway(), "carol", y)) {
            JsonNode yList = bobInY.await("user_list", f -> users(f).contains("carol"), WAIT);
            assertEquals(List.of("bob", "carol"), users(yList));
            for (JsonNode list : bobInY.drain("user_list", Duration.ofMillis(300))) {
                assertFalse(users(list).contains("alice"), "alice is in room X only");
            }
            for (JsonNode list : aliceInX.drain("user_list", Duration.ofMillis(300))) {
                assertEquals(List.of("alice"), users(list));
            }
            JsonNode rest = Api.json(Api.get(stack.gateway() + "/api/rooms/" + y + "/presence", stack.token("bob")));
            assertEquals(2, rest.path("users").size(), rest.toString());
            assertFalse(rest.toString().contains("\"alice\""));
        }
    }

    @Test
    void aUserWithTwoTabsStaysOnlineUntilBothClose() {
        String room = SystemStack.randomRoom("tabs");
        try (WsClient bob = stack.join(stack.gateway(), "bob", room)) {
            WsClient tabOne = stack.join(stack.gateway(), "alice", room);
            WsClient tabTwo = stack.join(stack.secondGateway(), "alice", room);
            tabOne.close();
            // the leave of one tab is announced, and alice is still listed
            JsonNode afterOne = bob.await("user_list", f -> true, WAIT);
            bob.drain("user_list", Duration.ofMillis(500)).forEach(l -> assertTrue(users(l).contains("alice")));
            assertTrue(users(afterOne).contains("alice"), afterOne.toString());
            tabTwo.close();
            bob.await("user_list", f -> !users(f).contains("alice"), WAIT);
        }
    }

    @Test
    void aJoinerGetsOneListAndABurstOfJoinersDoesNotFloodTheRoom() {
        String room = SystemStack.randomRoom("burst");
        List<String> users = List.of("alice", "bob", "carol");
        int joiners = 15;
        List<WsClient> clients = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (int i = 0; i < joiners; i++) {
                String user = users.get(i % users.size());
                clients.add(stack.join(i % 2 == 0 ? stack.gateway() : stack.secondGateway(), user, room));
            }
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            WsClient first = clients.get(0);
            first.await("user_list", f -> users(f).equals(users), WAIT); // the room heard of everyone
            // nothing is owed any more: count every list each connection got after its own
            int lists = joiners; // each joiner's own, consumed by join()
            for (WsClient client : clients) {
                lists += client.drain("user_list", Duration.ofMillis(2500)).size();
            }
            lists += 1; // the one awaited above
            // one list to the whole room per join would be 15 x 16 / 2 = 120 frames; paced, the room gets
            // at most one per second (after the first), each to at most all 15
            long bound = joiners + (elapsedMillis / 1000 + 3) * joiners;
            System.out.printf("%d joiners in %d ms: %d user_list frames (bound %d)%n", joiners, elapsedMillis, lists,
                    bound);
            assertTrue(lists <= bound,
                    lists + " user_list frames for " + joiners + " joiners in " + elapsedMillis + " ms");
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    @Test
    void aLoneJoinerGetsExactlyOneList() {
        String room = SystemStack.randomRoom("lone");
        try (WsClient bob = stack.join(stack.gateway(), "bob", room)) {
            assertTrue(bob.drain("user_list", Duration.ofMillis(2500)).isEmpty(), "its own list, once");
            try (WsClient alice = stack.join(stack.secondGateway(), "alice", room)) {
                JsonNode heard = bob.await("user_list", f -> users(f).contains("alice"), WAIT);
                assertEquals(List.of("alice", "bob"), users(heard));
                assertTrue(alice.drain("user_list", Duration.ofMillis(2500)).isEmpty(),
                        "the room's list for alice's join skips alice, who has hers");
            }
        }
    }

    @Test
    void oneEntryForSeveralConnectionsReachesEachOfThemOnceAndNoOneElse() throws Exception {
        String room = SystemStack.randomRoom("targets");
        try (WsClient alice = stack.join(stack.gateway(), "alice", room);
                WsClient bob = stack.join(stack.secondGateway(), "bob", room);
                WsClient carol = stack.join(stack.gateway(), "carol", room);
                StreamEntries redis = new StreamEntries(stack.infra.adminRedisUrl())) {
            // the connections as presence stored them: gateway|connection|user id|username
            String presenceKey = stack.services.streamPrefix() + ":presence:room:" + room;
            Awaitility.await().atMost(WAIT).until(() -> redis.members(presenceKey).size() == 3);
            Map<String, String[]> byUser = new HashMap<>();
            for (String member : redis.members(presenceKey)) {
                String[] parts = member.split("\\|", 4);
                byUser.put(parts[3], parts);
            }
            String[] a = byUser.get("alice");
            String[] b = byUser.get("bob");
            Map<String, List<String>> to = new LinkedHashMap<>();
            to.computeIfAbsent(a[0], gw -> new ArrayList<>()).add(a[1]);
            to.computeIfAbsent(b[0], gw -> new ArrayList<>()).add(b[1]);
            to.computeIfAbsent(b[0], gw -> new ArrayList<>()).add("a-connection-that-closed");
            String frame = WsClient.JSON.writeValueAsString(
                    Map.of("type", "user_list", "room", room, "users", List.of("only-alice-and-bob")));
            redis.add(stack.services.streamPrefix() + ":{events:" + EventPartitionsSystemTest.partition(room) + "}:out",
                    Map.of("type", "user_list", "v", "1", "room", room, "seq", "0", "frame", frame, "to",
                            WsClient.JSON.writeValueAsString(to)));

            Predicate<JsonNode> marked = f -> users(f).equals(List.of("only-alice-and-bob"));
            alice.await("user_list", marked, WAIT);
            bob.await("user_list", marked, WAIT);
            assertTrue(alice.drain("user_list", Duration.ofMillis(1500)).stream().noneMatch(marked), "once");
            assertTrue(bob.drain("user_list", Duration.ofMillis(300)).stream().noneMatch(marked), "once");
            assertTrue(carol.drain("user_list", Duration.ofMillis(300)).stream().noneMatch(marked),
                    "carol, on alice's gateway, was not a target");
        }
    }

    @Test
    void directoryShowsWhoIsOnlineAndWhenTheyLeft() {
        String room = SystemStack.randomRoom("online");
        Instant closed;
        try (WsClient carol = stack.join(stack.gateway(), "carol", room)) {
            JsonNode entry = DirectoryEntries.of(stack, "alice", "carol");
            assertTrue(entry.path("online").asBoolean(), entry.toString());
            assertTrue(entry.path("user_id").asLong() > 0);
            closed = Instant.now();
        }
        // carol is on no other socket: once her leave is applied she is offline, last seen about then
        Awaitility.await().atMost(WAIT).until(() -> !DirectoryEntries.of(stack, "alice", "carol").path("online")
                .asBoolean());
        Instant lastSeen = Instant.parse(DirectoryEntries.of(stack, "alice", "carol").path("last_seen").asText());
        assertTrue(!lastSeen.isBefore(closed.minusSeconds(2)) && !lastSeen.isAfter(Instant.now().plusSeconds(2)),
                "last seen " + lastSeen + ", closed at " + closed);
    }

    @Test
    void typingReachesOthersButNotTheTyper() {
        String room = SystemStack.randomRoom("typing");
        try (WsClient alice = stack.join(stack.gateway(), "alice", room);
                WsClient bob = stack.join(stack.secondGateway(), "bob", room)) {
            alice.send("{\"type\":\"typing\"}");
            JsonNode typing = bob.await("typing", f -> true, WAIT);
            assertEquals("alice", typing.path("username").asText());
            assertEquals(room, typing.path("room").asText());
            assertTrue(alice.drain("typing", Duration.ofMillis(800)).isEmpty(), "not echoed to the typer");
            List<String> stored = List.of(Api.json(Api.get(stack.gateway() + "/api/rooms/" + room + "/messages",
                    stack.token("bob"))).path("messages").toString());
            assertEquals(List.of("[]"), stored, "typing leaves no history");
        }
    }

    @Test
    void readPointerMovesForwardOnlyAndStaysInItsRoom() {
        String room = SystemStack.randomRoom("read");
        String other = SystemStack.randomRoom("read-other");
        try (WsClient alice = stack.join(stack.gateway(), "alice", room);
                WsClient bob = stack.join(stack.secondGateway(), "bob", room);
                WsClient bobElsewhere = stack.join(stack.gateway(), "bob", other)) {
            alice.send(Map.of("type", "message", "message", "one", "client_id", "r1"));
            long first = alice.await("ack").path("message_id").asLong();
            alice.send(Map.of("type", "message", "message", "two", "client_id", "r2"));
            long second = alice.await("ack").path("message_id").asLong();

            bob.send(Map.of("type", "message_read", "message_id", second));
            JsonNode read = alice.await("message_read", f -> true, WAIT);
            assertEquals(second, read.path("message_id").asLong());
            assertEquals("bob", read.path("username").asText());
            assertEquals(room, read.path("room").asText());

            bob.send(Map.of("type", "message_read", "message_id", first));
            assertTrue(alice.drain("message_read", Duration.ofSeconds(1)).isEmpty(), "a pointer never moves back");

            bobElsewhere.send(Map.of("type", "message_read", "message_id", second));
            assertEquals("bad_frame", bobElsewhere.await("error").path("code").asText(),
                    "a message of another room cannot be marked read here");
        }
    }
}
