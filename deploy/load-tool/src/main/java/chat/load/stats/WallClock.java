package chat.load.stats;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Microseconds since the epoch, read cheaply from {@link System#nanoTime()} after one wall-clock
 * reading: every process of a run on one box shares the epoch, so a send time written into a
 * message by one process gives the delivery latency measured in another.
 */
public final class WallClock {

    private static final long BASE_MICROS = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    private static final long BASE_NANOS = System.nanoTime();

    private WallClock() {
    }

    public static long micros() {
        return BASE_MICROS + (System.nanoTime() - BASE_NANOS) / 1000;
    }
}
