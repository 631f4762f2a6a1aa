package chat.message.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** From bucket counts to {@code read_by} per message, without servers. */
class ReadStateTest {

    @Test
    void readersAtOrPastEachSeq() {
        // page seqs 2..6; pointers at 3 (bucket 2), 5 (bucket 4) and 9 (bucket 5: past the page)
        ReadState state = ReadState.fromBuckets(List.of(2L, 3L, 4L, 5L, 6L), Map.of(2, 1L, 4, 1L, 5, 1L), List.of());
        assertEquals(List.of(3, 3, 2, 2, 1), List.of(2L, 3L, 4L, 5L, 6L).stream().map(state::readBy).toList());
    }

    @Test
    void scatteredSearchHitsAndManyReaders() {
        ReadState state = ReadState.fromBuckets(List.of(100L, 5_000L, 9_900L), Map.of(1, 40L, 2, 7L, 3, 3L), List.of());
        assertEquals(50, state.readBy(100));
        assertEquals(10, state.readBy(5_000));
        assertEquals(3, state.readBy(9_900));
        assertEquals(0, state.readBy(42), "a seq not on the page");
    }

    @Test
    void noReadersOrEmptyPage() {
        assertEquals(0, ReadState.fromBuckets(List.of(1L, 2L), Map.of(), List.of()).readBy(1));
        assertEquals(Map.of(), ReadState.fromBuckets(List.of(), Map.of(), List.of()).readBySeq());
    }
}
