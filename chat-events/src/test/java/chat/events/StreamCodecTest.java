package chat.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
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
