package chat.gateway.stream;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Spaces the event reader's reads while events keep coming: after a read that returned events,
 * the next one starts no sooner than {@code linger} after that read began. Events arriving
 * meanwhile wait in Redis and come back together, so each socket of a busy room gets several
 * frames per write (one system call, one flush) and Redis answers one read instead of several.
 * A read that returned nothing (it waited for its first event) is never followed by a pause, so
 * the first message after a quiet spell goes out as soon as it is stored.
 */
final class ReadPacer {

    /** Sleeps the calling thread; parking in production, recorded in tests. */
    interface Sleeper {

        void sleepNanos(long nanos);
    }

    private final long lingerNanos;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;

    ReadPacer(Duration linger) {
        this(linger, System::nanoTime, LockSupport::parkNanos);
    }

    ReadPacer(Duration linger, LongSupplier nanoClock, Sleeper sleeper) {
        this.lingerNanos = Math.max(0, linger.toNanos());
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    /** The clock reading to pass to {@link #afterRead} for a read starting now. */
    long readStarting() {
        return nanoClock.getAsLong();
    }

    /** Called once a read's events were handed on: waits out the rest of the linger if it returned any. */
    void afterRead(long startedNanos, boolean returnedEvents) {
        if (!returnedEvents || lingerNanos == 0) {
            return;
        }
        long left = startedNanos + lingerNanos - nanoClock.getAsLong();
        if (left > 0) {
            sleeper.sleepNanos(left);
        }
    }
}
