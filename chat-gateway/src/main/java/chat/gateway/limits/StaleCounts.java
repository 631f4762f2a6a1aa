package chat.gateway.limits;

import chat.gateway.limits.UserConnectionLeases.Count;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;

/**
 * Users whose connection count in Redis may differ from this gateway's: written in pipelined
 * batches ({@link UserConnectionLeases#sync}) shortly after they change, and kept until Redis has
 * taken them. A burst of closes therefore costs one round trip per batch of users, not one script
 * per connection; a failed write (a full client pool, Redis away) is retried every
 * {@link #RETRY_MILLIS} until it succeeds; and a user whose last connection here closed stays
 * here until Redis knows their zero.
 */
public final class StaleCounts {

    /** How long changes gather before they are written: a burst of closes becomes one write per user. */
    static final long FLUSH_AFTER_MILLIS = 20;
    /** How long to wait before writing again after a failure. */
    static final long RETRY_MILLIS = 1000;

    private final UserConnectionLeases leases;
    private final Vertx vertx;
    private final LongFunction<Count> current;
    private final Holders holders;
    private final Set<Long> stale = ConcurrentHashMap.newKeySet();
    /** Set while a flush is scheduled or running: one at a time, so that an outage is not hammered. */
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile boolean failing;

    /** Told how many gateways hold a user's connections once their count is written. */
    @FunctionalInterface
    public interface Holders {

        void written(long userId, int gatewaysHolding);
    }

    /**
     * @param current this gateway's count of a user's connections now (0 when none), with a fresh version
     */
    public StaleCounts(UserConnectionLeases leases, Vertx vertx, LongFunction<Count> current, Holders holders) {
        this.leases = leases;
        this.vertx = vertx;
        this.current = current;
        this.holders = holders;
    }

    /** The user's count changed here (or an attempt to write it may have failed): write it soon. */
    public void changed(long userId) {
        stale.add(userId);
        schedule(FLUSH_AFTER_MILLIS);
    }

    /** Writes all of these users' counts soon (the lease renewal). */
    public void changedAll(Iterable<Long> userIds) {
        userIds.forEach(stale::add);
        schedule(FLUSH_AFTER_MILLIS);
    }

    /** Users whose count is not yet known to Redis. */
    public int pending() {
        return stale.size();
    }

    private void schedule(long delay) {
        if (busy.compareAndSet(false, true)) {
            vertx.setTimer(delay, id -> flush());
        }
    }

    private void flush() {
        List<Count> counts = new ArrayList<>();
        for (Iterator<Long> users = stale.iterator(); users.hasNext();) {
            long userId = users.next();
            users.remove();
            // read after the removal: a change after this read marks the user stale again
            counts.add(current.apply(userId));
        }
        if (counts.isEmpty()) {
            done(FLUSH_AFTER_MILLIS);
            return;
        }
        leases.sync(counts).subscribe().with(written -> {
            if (failing) {
                failing = false;
                Log.infof("connection counts written to Redis again (%d users)", counts.size());
            }
            for (int i = 0; i < counts.size(); i++) {
                holders.written(counts.get(i).userId(), written.get(i));
            }
            done(FLUSH_AFTER_MILLIS);
        }, failure -> {
            if (!failing) {
                failing = true;
                Log.warnf("connection counts of %d users not written (%s); retrying every %d ms", counts.size(),
                        failure.getMessage(), RETRY_MILLIS);
            }
            counts.forEach(count -> stale.add(count.userId()));
            done(RETRY_MILLIS);
        });
    }

    private void done(long nextDelay) {
        busy.set(false);
        if (!stale.isEmpty()) {
            schedule(nextDelay);
        }
    }
}
