package chat.message.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.events.SendMessage;
import chat.events.redis.FailureKind;
import chat.message.entity.Message;
import chat.message.entity.PrivateChatRoom;
import chat.message.entity.PrivateMessage;
import chat.stack.test.StackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The one-statement store against the real PostgreSQL: numbering, repeats, private rooms, all or nothing. */
@QuarkusTest
@QuarkusTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "chat_message"))
class MessageStoreTest {

    @Inject
    MessageStore store;

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private static SendMessage text(String room, long user, String key, String text) {
        return new SendMessage(room, user, "user" + user, key, key, text, null, null, null);
    }

    private static String publicRoom() {
        return "store" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static long freshUser() {
        return 2_000_000_000_000L + (long) (Math.random() * 1_000_000_000L) * 2;
    }

    @Test
    void aMixedBatchIsNumberedGapFreePerRoomInBatchOrder() {
        String a = publicRoom();
        String b = publicRoom();
        long u = freshUser();
        String p = "private_" + u + "_" + (u + 1);
        List<SendMessage> batch = List.of(text(a, 1, "a1", "one"), text(b, 1, "b1", "one"), text(p, u, "p1", "psst"),
                text(a, 2, "a2", "two"), text(p, u + 1, "p2", "back"), text(a, 1, "a3", "three"));

        List<StoreOutcome> outcomes = store.store(batch, NOW);

        assertEquals(batch.size(), outcomes.size());
        long[] expectedSeqs = {1, 1, 1, 2, 2, 3};
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            StoreOutcome o = outcomes.get(i);
            assertSame(batch.get(i), o.command(), "outcomes in command order");
            assertFalse(o.duplicate());
            assertEquals(expectedSeqs[i], o.message().seq, "seq of command " + i);
            assertTrue(ids.add(o.message().id), "ids are unique");
        }
        assertInstanceOf(PrivateMessage.class, outcomes.get(2).message());
        assertEquals(3, Message.count("room", a));
        assertEquals(1, Message.count("room", b));
        assertEquals(2, PrivateMessage.count("room", p));
        assertEquals(0, Message.count("room", p));
        PrivateChatRoom pair = PrivateChatRoom.findById(p);
        assertEquals(u, pair.userA);
        assertEquals(u + 1, pair.userB);

        // the next batch continues each room's numbering
        List<StoreOutcome> next = store.store(List.of(text(b, 3, "b2", "later"), text(p, u, "p3", "again")), NOW);
        assertEquals(2, next.get(0).message().seq);
        assertEquals(3, next.get(1).message().seq);
    }

    @Test
    void repeatsGetTheStoredMessageAndMoveNoCounter() {
        String room = publicRoom();
        StoreOutcome first = store.store(List.of(text(room, 7, "k1", "original")), NOW).get(0);

        Instant later = NOW.plusSeconds(5);
        List<StoreOutcome> outcomes = store.store(List.of(text(room, 7, "k1", "changed on retry"),
                text(room, 7, "k2", "new"), text(room, 7, "k2", "new, repeated in the batch"),
                text(room, 8, "k1", "same key, other sender")), later);

        StoreOutcome repeat = outcomes.get(0);
        assertTrue(repeat.duplicate());
        assertEquals(first.message().id, repeat.message().id);
        assertEquals(1, repeat.message().seq);
        assertEquals("original", repeat.message().text, "a repeat announces what was stored");
        assertEquals(NOW, repeat.message().sentAt);

        assertFalse(outcomes.get(1).duplicate());
        assertEquals(2, outcomes.get(1).message().seq);
        assertTrue(outcomes.get(2).duplicate(), "a repeat within the batch");
        assertSame(outcomes.get(1).message(), outcomes.get(2).message());
        assertFalse(outcomes.get(3).duplicate(), "the key is per sender");
        assertEquals(3, outcomes.get(3).message().seq);
        assertEquals(3, Message.count("room", room));
    }

    @Test
    void aBatchTheDatabaseRefusesStoresNothingAndSaysWhy() {
        String room = publicRoom();
        List<SendMessage> batch = new ArrayList<>();
        batch.add(text(room, 1, "ok", "fine"));
        batch.add(text(room, 1, "bad", "nul \u0000 inside"));

        MessageStore.StoreFailure failure = assertThrows(MessageStore.StoreFailure.class,
                () -> store.store(batch, NOW));
        assertEquals(FailureKind.PERMANENT, FailureKind.of(failure), "a data error is the entry's, not an outage");
        assertEquals(0, Message.count("room", room), "all or nothing");

        // the room's counter did not move either: the next message is its first
        StoreOutcome after = store.store(List.of(text(room, 1, "ok", "fine")), NOW).get(0);
        assertEquals(1, after.message().seq);
        assertNotEquals(0, after.message().id);
    }
}
