package chat.gateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The event reader's spacing of reads, on a clock the test moves. */
class ReadPacerTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<Long> slept = new ArrayList<>();
    private final ReadPacer pacer = new ReadPacer(Duration.ofMillis(5), now::get, nanos -> {
        slept.add(nanos);
        now.addAndGet(nanos);
    });

    @Test
    void aReadThatReturnedEventsIsFollowedByTheRestOfTheLinger() {
        long started = pacer.readStarting();
        now.addAndGet(Duration.ofMillis(2).toNanos()); // the read and its delivery took 2 ms
        pacer.afterRead(started, true);
        assertEquals(List.of(Duration.ofMillis(3).toNanos()), slept);
        assertEquals(started + Duration.ofMillis(5).toNanos(), now.get(), "the next read starts 5 ms after this one");
    }

    @Test
    void aReadThatWaitedForItsFirstEventOrReturnedNothingIsNeverDelayed() {
        long started = pacer.readStarting();
        pacer.afterRead(started, false);
        assertEquals(List.of(), slept, "an empty read: the next one blocks in Redis at once");
    }

    @Test
    void aReadSlowerThanTheLingerIsFollowedAtOnce() {
        long started = pacer.readStarting();
        now.addAndGet(Duration.ofMillis(8).toNanos());
        pacer.afterRead(started, true);
        assertEquals(List.of(), slept);
    }

    @Test
    void noLingerReadsAgainAtOnce() {
        ReadPacer off = new ReadPacer(Duration.ZERO, now::get, slept::add);
        off.afterRead(off.readStarting(), true);
        assertEquals(List.of(), slept);
    }
}
