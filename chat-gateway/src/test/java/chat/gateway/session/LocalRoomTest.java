package chat.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.gateway.client.StoredMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Ordering rules of a room's fan-out: in seq order, once, gaps filled from history. */
class LocalRoomTest {

    /** Records what the room asked to fetch, and lets the test answer. */
    static final class ManualGapFiller implements LocalRoom.GapFiller {

        final List<Long> requestedAfter = new ArrayList<>();
        Consumer<List<StoredMessage>> pending;

        @Override
        public void schedule(LocalRoom room, long afterSeq, Consumer<List<StoredMessage>> onFetched) {
            requestedAfter.add(afterSeq);
            pending = onFetched;
        }
    }

    private final ManualGapFiller filler = new ManualGapFiller();
    private final FanOut fanOut = new FanOut();
    private final LocalRoom room = new LocalRoom("r", filler, fanOut);
    private final List<Long> recorded = new ArrayList<>();

    LocalRoomTest() {
        room.add(new RecordingSession(recorded).session());
    }

    /** What the connection got once the batch was written (as the event reader flushes after each batch). */
    private List<Long> written() {
        fanOut.flush();
        return recorded;
    }

    @Test
    void inOrderAndOnce() {
        room.onMessage(1, "f1");
        room.onMessage(2, "f2");
        room.onMessage(2, "f2");
        room.onMessage(1, "f1");
        room.onMessage(3, "f3");
        assertEquals(List.of(1L, 2L, 3L), written());
    }

    @Test
    void outOfOrderWaitsForTheMissingOne() {
        room.onMessage(1, "f1");
        room.onMessage(3, "f3");
        room.onMessage(4, "f4");
        assertEquals(List.of(1L), written());
        room.onMessage(2, "f2");
        assertEquals(List.of(1L, 2L, 3L, 4L), written());
    }

    @Test
    void gapThatDoesNotCloseIsFilledFromHistory() {
        room.onMessage(5, "f5");
        room.onMessage(8, "f8");
        assertEquals(List.of(5L), filler.requestedAfter);
        filler.pending
                .accept(List.of(new StoredMessage(6, "f6"), new StoredMessage(7, "f7"), new StoredMessage(8, "f8")));
        assertEquals(List.of(5L, 6L, 7L, 8L), written());
    }

    @Test
    void historyWithoutTheMissingMessagesDoesNotBlockTheRoom() {
        room.onMessage(1, "f1");
        room.onMessage(3, "f3");
        filler.pending.accept(List.of());
        assertEquals(List.of(1L, 3L), written());
        room.onMessage(4, "f4");
        assertEquals(List.of(1L, 3L, 4L), written());
    }
}
