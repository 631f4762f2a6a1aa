package chat.events.redis;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Merges the batches that several partition consumers hand over at the same time into one
 * call of the real handler (group commit): one transaction and one event round trip for all
 * of them instead of one per partition. With 8 partitions on one instance, each partition's
 * own batches stay small at moderate rates (a few entries), and the fixed cost of a batch
 * (transaction, statements, round trips) dominated the database's and the service's CPU.
 *
 * <p>Nothing waits for company: a batch that finds no other queued is handled at once, so an
 * idle system keeps its latency; under load, batches queue while a group is in the database
 * and the next group takes them all. Order per partition holds because a partition consumer
 * hands over its next batch only once the previous one returned, so no group ever holds two
 * batches of one partition, and concurrent groups never share a partition.
 *
 * <p>Failure isolation is unchanged: when a merged group fails for its data or a bug, each of its
 * batches is handled again alone (marked redelivered: the group may have committed before it
 * failed), and only a batch that fails alone gets the exception (its consumer then isolates the
 * entry at fault as before). When a dependency is away (a transient failure), every batch of the
 * group gets the failure at once and each consumer pauses as it would alone.
 */
public final class GroupCommit implements BatchHandler {

    private static final DistributionSummary GROUP_ENTRIES = DistributionSummary.builder("chat_consumer_group_entries")
            .description("entries of several partitions handled in one call (group commit)")
            .register(Metrics.globalRegistry);

    private final BatchHandler delegate;
    private final int maxEntries;
    private final Semaphore groups;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    /** Signalled whenever a group ends; waiters sleep on it instead of polling. */
    private final Object groupEnded = new Object();
    /** Groups ended so far (guarded by {@link #groupEnded}): a waiter that saw a value misses no end after it. */
    private long groupsEnded;

    /**
     * @param maxEntries  most entries merged into one call (a batch larger than this still goes alone)
     * @param parallelism groups handled at the same time (database transactions in flight)
     */
    public GroupCommit(BatchHandler delegate, int maxEntries, int parallelism) {
        if (maxEntries < 1 || parallelism < 1) {
            throw new IllegalArgumentException("maxEntries and parallelism must be positive");
        }
        this.delegate = delegate;
        this.maxEntries = maxEntries;
        this.groups = new Semaphore(parallelism);
    }

    /** One handed-over batch and the outcome its consumer waits for. */
    private record Pending(List<StreamEntry> entries, CompletableFuture<Void> done) {
    }

    @Override
    public void handle(List<StreamEntry> entries) throws Exception {
        Pending mine = new Pending(entries, new CompletableFuture<>());
        queue.add(mine);
        while (!mine.done().isDone()) {
            long ended = groupsEnded();
            if (groups.tryAcquire()) {
                boolean ranGroup;
                try {
                    ranGroup = runGroup();
                } finally {
                    groups.release();
                    signalGroupEnded();
                }
                if (!ranGroup) {
                    break; // queue empty: another group holds this batch; wait for it below
                }
            } else {
                awaitGroupEnd(ended, mine.done());
            }
        }
        try {
            mine.done().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void deadLettered(StreamEntry entry, String reason) {
        delegate.deadLettered(entry, reason);
    }

    /** Takes what is queued (up to the bound) and handles it; false when nothing was queued. */
    private boolean runGroup() {
        List<Pending> group = new ArrayList<>();
        int size = 0;
        for (Pending next = queue.peek(); next != null; next = queue.peek()) {
            if (!group.isEmpty() && size + next.entries().size() > maxEntries) {
                break;
            }
            if (!queue.remove(next)) {
                continue; // taken by a concurrent group
            }
            group.add(next);
            size += next.entries().size();
        }
        if (group.isEmpty()) {
            return false;
        }
        GROUP_ENTRIES.record(size);
        if (group.size() == 1) {
            handleAlone(group.get(0));
            return true;
        }
        List<StreamEntry> merged = new ArrayList<>(size);
        group.forEach(p -> merged.addAll(p.entries()));
        try {
            delegate.handle(merged);
            group.forEach(p -> p.done().complete(null));
        } catch (Exception groupFailure) {
            if (FailureKind.of(groupFailure) == FailureKind.TRANSIENT) {
                group.forEach(p -> p.done().completeExceptionally(groupFailure)); // a dependency is away: all pause
            } else {
                group.forEach(p -> handleAlone(redelivered(p))); // the batch at fault fails alone, the others succeed
            }
        }
        return true;
    }

    /**
     * The same batch marked redelivered: the failed group may have committed before it failed
     * (e.g. while announcing), so its messages must be announced again when found stored.
     */
    private static Pending redelivered(Pending p) {
        List<StreamEntry> again = new ArrayList<>(p.entries().size());
        p.entries().forEach(e -> again.add(e.redelivered() ? e : new StreamEntry(e.id(), e.fields(), true)));
        return new Pending(again, p.done());
    }

    private void handleAlone(Pending p) {
        try {
            delegate.handle(p.entries());
            p.done().complete(null);
        } catch (Exception e) {
            p.done().completeExceptionally(e);
        } catch (Error e) {
            p.done().completeExceptionally(e);
            throw e;
        }
    }

    private long groupsEnded() {
        synchronized (groupEnded) {
            return groupsEnded;
        }
    }

    private void signalGroupEnded() {
        synchronized (groupEnded) {
            groupsEnded++;
            groupEnded.notifyAll();
        }
    }

    /**
     * Sleeps until a group ends after {@code seen} (this batch may be done, or a slot free to take it)
     * or this batch is done. A group that ended between the caller's look and now wakes it at once.
     */
    private void awaitGroupEnd(long seen, CompletableFuture<Void> done) {
        synchronized (groupEnded) {
            while (groupsEnded == seen && !done.isDone()) {
                try {
                    groupEnded.wait(100); // bounded only as a safety net: the count above misses no end
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a group commit", e);
                }
            }
        }
    }
}
