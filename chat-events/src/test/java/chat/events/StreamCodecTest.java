package chat.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Round trips of stream entries, and refusal of entries this version cannot read. */
class StreamCodecTest {

    @Test
    void commandRoundTrip() {
        SendMessage sent = new SendMessage("lobby", 3, "alice", "c-1", "c-1", "hi <b>", null, null,
                new Origin("gw-1", "conn-9"));
        Map<String, String> fields = StreamCodec.encode(sent);
        assertEquals("send_message", fields.get("type"));
        assertEquals(sent, StreamCodec.decodeCommand(fields));
    }

    @Test
    void mediaMessagesCarryTheirPreviewAndDurationAndOlderEntriesStillDecode() {
        SendMessage photo = new SendMessage("lobby", 3, "alice", "c-2", "c:c-2", "", "/api/media/a", null,
                new Origin("gw-1", "conn-9", "c:c-2"), "/api/media/b", null);
        assertEquals(photo, StreamCodec.decodeCommand(StreamCodec.encode(photo)));
        SendMessage voice = new SendMessage("lobby", 3, "alice", null, "g:1", "", null, "/api/media/c",
                new Origin("gw-1", "conn-9"), null, 1500L);
        assertEquals(1500L, ((SendMessage) StreamCodec.decodeCommand(StreamCodec.encode(voice))).audioDurationMs());
        Map<String, String> older = new HashMap<>(StreamCodec.encode(voice));
        older.put("body",
                "{\"room\":\"lobby\",\"userId\":3,\"username\":\"alice\",\"idempotencyKey\":\"k\",\"text\":\"hi\"}");
        SendMessage decoded = (SendMessage) StreamCodec.decodeCommand(older);
        assertEquals(null, decoded.imageThumbUrl());
        assertEquals(null, decoded.audioDurationMs());
    }

    @Test
    void presenceCommandRoundTrip() {
        PresenceCommand join = new PresenceCommand(PresenceCommand.Kind.JOIN, "lobby", 1, "bob", new Origin("g", "c"));
        assertEquals(join, StreamCodec.decodeCommand(StreamCodec.encode(join)));
    }

    @Test
    void eventRoundTrip() {
        RoomEvent toOne = RoomEvent.toConnection("ack", "lobby", "{\"type\":\"ack\"}", new Origin("gw", "c"));
        assertEquals(toOne, StreamCodec.decodeEvent(StreamCodec.encode(toOne)));
        RoomEvent answer = RoomEvent.toConnection("ack", "lobby", "{}", new Origin("gw", "c", "c:client-1"));
        assertEquals("c:client-1", StreamCodec.decodeEvent(StreamCodec.encode(answer)).target().frameRef());
        RoomEvent typing = RoomEvent.toRoomExcept("typing", "lobby", "{}", 7);
        assertEquals(typing, StreamCodec.decodeEvent(StreamCodec.encode(typing)));
        RoomEvent message = RoomEvent.toRoom("chat_message", "lobby", 42, "{}");
        assertEquals(message, StreamCodec.decodeEvent(StreamCodec.encode(message)));
    }

    @Test
    void oneEntryReachesSeveralConnectionsOfSeveralGateways() {
        List<Origin> joiners = List.of(new Origin("gw-1", "c1"), new Origin("gw-2", "c2"), new Origin("gw-1", "c3"));
        RoomEvent lists = RoomEvent.toConnections("user_list", "lobby", "{\"type\":\"user_list\"}", joiners);
        Map<String, String> fields = StreamCodec.encode(lists);
        assertNull(fields.get("gw"), "no single target");
        assertEquals("{\"gw-1\":[\"c1\",\"c3\"],\"gw-2\":[\"c2\"]}", fields.get("to"), "grouped by gateway");
        RoomEvent decoded = StreamCodec.decodeEvent(fields);
        assertTrue(decoded.targeted());
        assertEquals(List.of(new Origin("gw-1", "c1"), new Origin("gw-1", "c3"), new Origin("gw-2", "c2")),
                decoded.recipients());

        RoomEvent one = RoomEvent.toConnections("user_list", "lobby", "{}", List.of(new Origin("gw-1", "c1")));
        assertEquals(RoomEvent.toConnection("user_list", "lobby", "{}", new Origin("gw-1", "c1")), one,
                "one connection: the plain targeted entry");
        assertFalse(RoomEvent.toRoom("user_list", "lobby", 0, "{}").targeted());
        assertThrows(IllegalArgumentException.class, () -> RoomEvent.toConnections("ack", "lobby", "{}",
                List.of(new Origin("gw", "c1", "c:1"), new Origin("gw", "c2", "c:2"))), "answers go one by one");

        Map<String, String> broken = new HashMap<>(fields);
        broken.put("to", "{\"gw-1\":[null]}");
        assertThrows(MalformedEntryException.class, () -> StreamCodec.decodeEvent(broken));
        broken.put("to", "not json");
        assertThrows(MalformedEntryException.class, () -> StreamCodec.decodeEvent(broken));
    }

    @Test
    void theSendersAckRidesOnTheChatMessageEntryOutsideItsFrame() {
        String frame = "{\"type\":\"chat_message\",\"seq\":42}";
        RoomEvent message = RoomEvent.toRoom("chat_message", "lobby", 42, frame)
                .withAck(new RoomEvent.Ack(new Origin("gw", "c", "c:client-1"), "client-1", 9001));
        Map<String, String> fields = StreamCodec.encode(message);
        assertEquals(frame, fields.get("frame"), "the room's frame stays as it was");
        assertNull(fields.get("gw"), "not a targeted event: every connection of the room gets the message");
        RoomEvent decoded = StreamCodec.decodeEvent(fields);
        assertEquals(message, decoded);
        assertEquals("{\"type\":\"ack\",\"client_id\":\"client-1\",\"message_id\":9001,\"seq\":42}",
                decoded.ack().frame(decoded.seq()));

        RoomEvent untyped = RoomEvent.toRoom("chat_message", "lobby", 3, "{}")
                .withAck(new RoomEvent.Ack(new Origin("gw", "c", "k:1"), null, 7));
        Map<String, String> without = StreamCodec.encode(untyped);
        assertFalse(without.containsKey("acid"), "no client_id: no field");
        assertEquals(untyped, StreamCodec.decodeEvent(without));
        assertEquals("{\"type\":\"ack\",\"client_id\":null,\"message_id\":7,\"seq\":3}",
                StreamCodec.decodeEvent(without).ack().frame(3));
        assertNull(StreamCodec.decodeEvent(StreamCodec.encode(RoomEvent.toRoom("chat_message", "r", 1, "{}"))).ack());

        Map<String, String> broken = new HashMap<>(fields);
        broken.remove("mid");
        assertThrows(MalformedEntryException.class, () -> StreamCodec.decodeEvent(broken));
        broken.put("mid", "x");
        assertThrows(MalformedEntryException.class, () -> StreamCodec.decodeEvent(broken));
    }

    @Test
    void theAckEncodesAwkwardClientIdsAsJacksonDoes() throws Exception {
        for (String clientId : new String[]{null, "c-1", "quote \" backslash \\ slash /", "tab\tnl\ncr\r",
                "\u00e9t\u00e9 \uD83D\uDE00 \u2028", ""}) {
            AckFrame ack = AckFrame.of(clientId, 123_456_789_012L, 42);
            assertEquals(StreamCodec.json().writeValueAsString(ack), ack.encode());
            assertEquals(clientId, StreamCodec.json().readTree(ack.encode()).get("client_id").textValue());
        }
    }

    @Test
    void refusesUnknownTypeVersionAndBody() {
        assertThrows(MalformedEntryException.class,
                () -> StreamCodec.decodeCommand(Map.of("type", "nope", "v", "1", "body", "{}")));
        assertThrows(MalformedEntryException.class,
                () -> StreamCodec.decodeCommand(Map.of("type", "send_message", "v", "2", "body", "{}")));
        assertThrows(MalformedEntryException.class,
                () -> StreamCodec.decodeCommand(Map.of("type", "send_message", "v", "1", "body", "{not json")));
        Map<String, String> event = new HashMap<>(StreamCodec.encode(RoomEvent.toRoom("chat_message", "r", 1, "{}")));
        event.put("seq", "x");
        assertThrows(MalformedEntryException.class, () -> StreamCodec.decodeEvent(event));
    }
}
