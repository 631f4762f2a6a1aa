package chat.message.stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.events.MarkRead;
import chat.events.Origin;
import chat.events.RoomEvent;
import chat.events.SendMessage;
import chat.events.StreamCodec;
import chat.message.entity.Message;
import chat.message.entity.PrivateChatRoom;
import chat.message.entity.PrivateMessage;
import chat.stack.test.StackTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Message commands in, stored rows and fan-out events out, against real Redis and PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "chat_message"))
class MessageCommandFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    RedisDataSource redis;

    @Inject
    MessageCommandConsumer consumer;

    @Inject
    EntityManager em;

    StreamFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new StreamFixture(redis);
    }

    @Test
    void storesMessageAndPublishesChatMessageThenAck() throws Exception {
        String room = StreamFixture.randomRoom();
        Origin origin = StreamFixture.randomOrigin();
        Instant before = Instant.now().minusSeconds(1);
        fixture.send(new SendMessage(room, 7, "alice", "c-1", "c-1", "hello <b>world</b>", "/api/media/img-1", null,
                origin));

        await().atMost(WAIT).until(() -> fixture.connectionEvents(origin).size() == 1);
        List<RoomEvent> messages = fixture.roomEvents(room, RoomEvent.CHAT_MESSAGE);
        assertEquals(1, messages.size());
        RoomEvent event = messages.get(0);
        assertEquals(1, event.seq());
        JsonNode frame = StreamCodec.json().readTree(event.frame());
        assertEquals("chat_message", frame.get("type").asText());
        assertEquals(room, frame.get("room").asText());
        assertEquals(1, frame.get("seq").asLong());
        assertEquals("hello <b>world</b>", frame.get("message").asText());
        assertEquals("alice", frame.get("username").asText());
        assertEquals(7, frame.get("user_id").asLong());
        assertEquals("/api/media/img-1", frame.get("image_url").asText());
        assertTrue(frame.get("audio_url").isNull());
        assertEquals("c-1", frame.get("client_id").asText());
        assertTrue(frame.get("timestamp").asText().matches("(0[1-9]|1[0-2]):[0-5]\\d (AM|PM)"), frame.toString());
        Instant sentAt = Instant.parse(frame.get("sent_at").asText());
        assertTrue(!sentAt.isBefore(before) && !sentAt.isAfter(Instant.now()), frame.toString());
        long messageId = frame.get("message_id").asLong();

        // the sender's ack rides on the chat_message entry (not in its frame): no entry of its own
        assertEquals(new RoomEvent.Ack(origin, "c-1", messageId), event.ack());
        assertFalse(frame.has("origin") || frame.has("ack"), frame.toString());
        assertTrue(fixture.targetedEvents(origin).isEmpty(), "no separate ack entry for a new message");
        RoomEvent ack = fixture.connectionEvents(origin).get(0);
        assertEquals(RoomEvent.ACK, ack.type());
        assertEquals(room, ack.room());
        JsonNode ackFrame = StreamCodec.json().readTree(ack.frame());
        assertEquals("ack", ackFrame.get("type").asText());
        assertEquals("c-1", ackFrame.get("client_id").asText());
        assertEquals(messageId, ackFrame.get("message_id").asLong());
        assertEquals(1, ackFrame.get("seq").asLong());
        assertEquals(4, ackFrame.size(), ackFrame.toString());

        List<Message> rows = Message.list("room", room);
        assertEquals(1, rows.size());
        assertEquals(messageId, rows.get(0).id);
        assertEquals("hello <b>world</b>", rows.get(0).text);
        assertEquals("c-1", rows.get(0).idempotencyKey);
    }

    @Test
    void sameIdempotencyKeyStoresOnceAndAcksEveryTime() throws Exception {
        String room = StreamFixture.randomRoom();
        Origin origin = StreamFixture.randomOrigin();
        SendMessage command = StreamFixture.text(room, 8, "bob", "c-dup", "only once", origin);
        fixture.send(command);
        fixture.send(command); // most likely in the same batch
        await().atMost(WAIT).until(() -> fixture.connectionEvents(origin).size() == 2);
        fixture.send(command); // certainly in a later batch
        await().atMost(WAIT).until(() -> fixture.connectionEvents(origin).size() == 3);

        List<RoomEvent> acks = fixture.connectionEvents(origin);
        List<RoomEvent> messages = fixture.roomEvents(room, RoomEvent.CHAT_MESSAGE);
        assertEquals(1, messages.size());
        long messageId = readTree(messages.get(0).frame()).get("message_id").asLong();
        assertEquals(new RoomEvent.Ack(origin, "c-dup", messageId), messages.get(0).ack(),
                "the first ack rides on the message");
        assertEquals(2, fixture.targetedEvents(origin).size(),
                "each repeat is acknowledged by an ack entry of its own");
        for (RoomEvent ack : acks) {
            assertEquals(RoomEvent.ACK, ack.type());
            JsonNode frame = StreamCodec.json().readTree(ack.frame());
            assertEquals("c-dup", frame.get("client_id").asText());
            assertEquals(messageId, frame.get("message_id").asLong());
            assertEquals(1, frame.get("seq").asLong());
        }
        assertEquals(1, Message.count("room", room));
    }

    @Test
    void oversizedTextIsRefusedWithErrorAndAcknowledged() throws Exception {
        String room = StreamFixture.randomRoom();
        Origin origin = StreamFixture.randomOrigin();
        String entryId = fixture.send(StreamFixture.text(room, 9, "carol", "c-big", "x".repeat(4001), origin));

        await().atMost(WAIT).until(() -> fixture.connectionEvents(origin).size() == 1);
        RoomEvent error = fixture.connectionEvents(origin).get(0);
        assertEquals(RoomEvent.ERROR, error.type());
        JsonNode frame = StreamCodec.json().readTree(error.frame());
        assertEquals("error", frame.get("type").asText());
        assertEquals("too_large", frame.get("code").asText());
        assertTrue(frame.get("reason").asText().contains("4000"));
        await().atMost(WAIT).until(() -> fixture.pending(entryId) == 0);
        assertEquals(0, Message.count("room", room));
        assertTrue(fixture.roomEvents(room, RoomEvent.CHAT_MESSAGE).isEmpty());
    }

    @Test
    void invalidCommandsGetBadFrame() throws Exception {
        Origin origin = StreamFixture.randomOrigin();
        fixture.send(StreamFixture.text("bad room!", 9, "carol", "k1", "hi", origin));
        fixture.send(StreamFixture.text(StreamFixture.randomRoom(), 9, "carol", "k2", "   ", origin));
        fixture.send(new SendMessage(StreamFixture.randomRoom(), 9, "carol", "k3", "k3", "",
                "https://evil.example/x.png", null, origin));
        fixture.send(StreamFixture.text("private_2_1", 1, "alice", "k4", "hi", origin));
        fixture.send(StreamFixture.text("private_2_3", 1, "alice", "k5", "hi", origin));

        await().atMost(WAIT).until(() -> fixture.connectionEvents(origin).size() == 5);
        // each room is in its own partition, so only the answers' multiset is fixed, not their order
        List<String> codes = fixture.connectionEvents(origin).stream()
                .map(e -> readTree(e.frame()).get("client_id").asText() + "="
                        + readTree(e.frame()).get("code").asText())
                .sorted().toList();
        assertEquals(List.of("k1=bad_frame", "k2=bad_frame", "k3=bad_frame", "k4=bad_frame", "k5=forbidden"), codes);
    }

    @Test
    void malformedEntryIsDeadLettered() {
        long before = fixture.deadLetters();
        String room = StreamFixture.randomRoom();
        Origin origin = StreamFixture.randomOrigin();
        String entryId = fixture.sendRaw(room, Map.of("type", "send_message", "v", "1", "body", "{not json"));
        fixture.send(StreamFixture.text(room, 1, "alice", "after-poison", "right behind it", origin));
        await().atMost(WAIT).until(() -> fixture.deadLetters() == before + 1);
        await().atMost(WAIT).until(() -> fixture.pending(entryId) == 0);
        // the entry behind the poison was stored and acknowledged, and nothing was dead-lettered twice
        await().atMost(WAIT).until(() -> fixture.connectionEvents(origin).size() == 1);
        assertEquals(RoomEvent.ACK, fixture.connectionEvents(origin).get(0).type());
        assertEquals(before + 1, fixture.deadLetters());
        assertTrue(fixture.deadLetterEntries().stream().anyMatch(f -> entryId.equals(f.get("dead_id"))
                && f.get("dead_reason") != null && !f.get("dead_reason").isBlank()));
    }

    @Test
    void controlCharactersInjectedPastTheGatewayAreRefusedWithoutStallingTheRoom() throws Exception {
        String room = StreamFixture.randomRoom();
        Origin origin = StreamFixture.randomOrigin();
        for (int i = 0; i < 20; i++) {
            fixture.send(new SendMessage(room, 5, "mallory", "nul-" + i, "c:nul-" + i, "a\u0000b", null, null, origin));
        }
        fixture.send(new SendMessage(room, 5, "mallory", "nul\u0000id", "c:x", "hi", null, null, origin));
        fixture.send(StreamFixture.text(room, 6, "alice", "fine", "an ordinary message", origin));

        await().atMost(WAIT).until(() -> fixture.connectionEvents(origin).size() == 22);
        List<RoomEvent> answers = fixture.connectionEvents(origin);
        for (int i = 0; i < 21; i++) {
            JsonNode error = readTree(answers.get(i).frame());
            assertEquals("bad_frame", error.get("code").asText());
            assertEquals(i < 20 ? "nul-" + i : "nul\u0000id", error.get("client_id").asText());
        }
        assertEquals(RoomEvent.ACK, answers.get(21).type());
        assertEquals(1, Message.count("room", room));
    }

    @Test
    void privateRoomMessagesAreStoredApart() throws Exception {
        long a = 1_000_000_000_000L + (long) (Math.random() * 1_000_000_000L);
        String room = "private_" + a + "_" + (a + 1);
        Origin origin = StreamFixture.randomOrigin();
        fixture.send(StreamFixture.text(room, a + 1, "bob", "p-1", "psst", origin));
        await().atMost(WAIT).until(() -> fixture.connectionEvents(origin).size() == 1);

        RoomEvent message = fixture.roomEvents(room, RoomEvent.CHAT_MESSAGE).get(0);
        assertEquals(1, message.seq());
        assertEquals(1, PrivateMessage.count("room", room));
        assertEquals(0, Message.count("room", room));
        PrivateChatRoom pair = PrivateChatRoom.findById(room);
        assertEquals(a, pair.userA);
        assertEquals(a + 1, pair.userB);
    }

    @Test
    void readReceiptsMoveForwardOnly() throws Exception {
        String room = StreamFixture.randomRoom();
        Origin sender = StreamFixture.randomOrigin();
        Origin reader = StreamFixture.randomOrigin();
        fixture.send(StreamFixture.text(room, 1, "alice", "r-1", "one", sender));
        fixture.send(StreamFixture.text(room, 1, "alice", "r-2", "two", sender));
        await().atMost(WAIT).until(() -> fixture.connectionEvents(sender).size() == 2);
        List<Long> ids = fixture.roomEvents(room, RoomEvent.CHAT_MESSAGE).stream()
                .map(e -> readTree(e.frame()).get("message_id").asLong()).toList();

        fixture.send(new MarkRead(room, 2, "bob", ids.get(1), reader));
        fixture.send(new MarkRead(room, 2, "bob", ids.get(0), reader)); // backwards: ignored
        fixture.send(new MarkRead(StreamFixture.randomRoom(), 2, "bob", ids.get(0), reader)); // another room's message
        await().atMost(WAIT).until(() -> fixture.connectionEvents(reader).size() == 1);

        JsonNode error = readTree(fixture.connectionEvents(reader).get(0).frame());
        assertEquals("bad_frame", error.get("code").asText());
        List<RoomEvent> reads = fixture.roomEvents(room, RoomEvent.MESSAGE_READ);
        assertEquals(1, reads.size());
        JsonNode read = readTree(reads.get(0).frame());
        assertEquals("message_read", read.get("type").asText());
        assertEquals(room, read.get("room").asText());
        assertEquals(ids.get(1).longValue(), read.get("message_id").asLong());
        assertEquals("bob", read.get("username").asText());
        assertEquals(2, read.get("user_id").asLong());
    }

    @Test
    void readPointerWithUsernameSurvivesAConsumerRestart() {
        String room = StreamFixture.randomRoom();
        Origin sender = StreamFixture.randomOrigin();
        for (int i = 1; i <= 3; i++) {
            fixture.send(StreamFixture.text(room, 1, "alice", "s-" + i, "message " + i, sender));
        }
        await().atMost(WAIT).until(() -> fixture.connectionEvents(sender).size() == 3);
        List<Long> ids = fixture.roomEvents(room, RoomEvent.CHAT_MESSAGE).stream()
                .map(e -> readTree(e.frame()).get("message_id").asLong()).toList();
        fixture.send(new MarkRead(room, 2, "bob", ids.get(1), StreamFixture.randomOrigin()));
        await().atMost(WAIT).until(() -> fixture.roomEvents(room, RoomEvent.MESSAGE_READ).size() == 1);

        consumer.consumer().stop();
        assertFalse(consumer.consumer().health().up());
        consumer.consumer().start();
        fixture.send(new MarkRead(room, 2, "bob", ids.get(0), null)); // behind the stored pointer: no event
        fixture.send(StreamFixture.text(room, 1, "alice", "s-4", "after the restart", sender)); // a new store call
        await().atMost(WAIT).until(() -> fixture.connectionEvents(sender).size() == 4);

        assertEquals(1, fixture.roomEvents(room, RoomEvent.MESSAGE_READ).size());
        Object[] row = (Object[]) em.createNativeQuery("SELECT last_read_message_id, last_read_seq, username "
                + "FROM read_pointer WHERE room = ?1 AND user_id = 2").setParameter(1, room).getSingleResult();
        assertEquals(ids.get(1).longValue(), ((Number) row[0]).longValue());
        assertEquals(2, ((Number) row[1]).longValue());
        assertEquals("bob", row[2]);
    }

    @Test
    void commandWithoutOriginIsStoredWithoutAck() {
        String room = StreamFixture.randomRoom();
        fixture.send(StreamFixture.text(room, 3, "carol", "no-origin", "from a bot", null));
        await().atMost(WAIT).until(() -> fixture.roomEvents(room, RoomEvent.CHAT_MESSAGE).size() == 1);
        assertNull(fixture.roomEvents(room, RoomEvent.CHAT_MESSAGE).get(0).target());
        assertEquals(1, Message.count("room", room));
    }

    private static JsonNode readTree(String json) {
        try {
            return StreamCodec.json().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
