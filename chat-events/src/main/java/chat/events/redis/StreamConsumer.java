package chat.events.redis;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.ClaimedMessages;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Reads one stream as a member of a consumer group, on a thread of its own.
 *
 * <ul>
 *   <li>the group is created idempotently (an existing group is fine);</li>
 *   <li>entries are handed over in batches and acknowledged ({@code XACK}) only after the
 *       handler returned, i.e. after its work is durable (without waiting for the reply);</li>
 *   <li>failures are isolated ({@link FailureKind}): a batch that fails because of its data is
 *       handed over again entry by entry; the entry that cannot be handled is dead-lettered at
 *       once (to {@code <stream>:dead}, without large payloads) and its sender told through the
 *       handler, while the entries behind it go on. A dependency that is away pauses the
 *       consumer with capped back-off; its entries stay pending and are never dead-lettered;</li>
 *   <li>entries left pending by a consumer that died are claimed ({@code XAUTOCLAIM}) once idle
 *       for the claim timeout, or all at once when this consumer was given the stream
 *       exclusively ({@link Settings#claimAllOnStart()});</li>
 *   <li>the stream is trimmed only up to what every group has acknowledged (no unread entry is
 *       ever cut), and its lag and pending counts are measured on the way;</li>
 *   <li>{@link #stop()} lets the batch in hand finish before the thread ends.</li>
 * </ul>
 */
public final class StreamConsumer implements ManagedConsumer {

    private static final Logger LOG = Logger.getLogger(StreamConsumer.class);
    /** Attempts of an entry whose failure is not understood ({@link FailureKind#UNKNOWN}) before it is dead-lettered. */
    static final int MAX_UNKNOWN_ATTEMPTS = 3;
    private static final long DEAD_LETTER_MAX_LENGTH = 10_000;
    /** Field values longer than this are not copied into the dead-letter stream (media data URLs). */
    static final int DEAD_LETTER_MAX_FIELD = 4_096;
    private static final long TRIM_EVERY_MILLIS = 1_000;

    private final StreamCommands<String, String, String> streams;
    private final ReactiveStreamCommands<String, String, String> asyncStreams;
    private final StreamTrimmer trimmer;
    private final Settings settings;
    private final BatchHandler handler;
    private final StreamMetrics metrics;
    private final Map<String, Integer> unknownFailures = new HashMap<>();
    private volatile boolean running;
    private volatile String pausedBecause;
    private volatile long pausedSince;
    private Thread thread;
    private long lastClaim;
    private long lastTrim;
    /** The XACK of the last batch, sent without waiting (see {@link #acknowledgeLater}). */
    private CompletableFuture<?> lastAcknowledgement = CompletableFuture.completedFuture(null);

    /**
     * @param key             the stream
     * @param group           consumer group (one per service)
     * @param consumer        this instance's name in the group
     * @param batchSize       entries per read
     * @param block           how long one read waits for new entries
     * @param claimAfter      idle time after which another consumer's pending entry is taken over
     * @param maxBackoff      longest pause between retries while a dependency is away
     * @param claimAllOnStart take over every pending entry of the group at start (the stream was
     *                        handed to this consumer alone: its previous owner is gone)
     */
    public record Settings(String key, String group, String consumer, int batchSize, Duration block,
            Duration claimAfter,
            Duration maxBackoff, boolean claimAllOnStart) {

        /** Settings of a consumer that shares its stream with the group's other members. */
        public Settings(String key, String group, String consumer, int batchSize, Duration block, Duration claimAfter) {
            this(key, group, consumer, batchSize, block, claimAfter, Duration.ofSeconds(2), false);
        }

        /** The same settings for another stream (one partition of several). */
        public Settings forKey(String otherKey, boolean exclusive) {
            return new Settings(otherKey, group, consumer, batchSize, block, claimAfter, maxBackoff, exclusive);
        }
    }

    public StreamConsumer(RedisDataSource redis, Settings settings, BatchHandler handler) {
        this.streams = redis.stream(String.class);
        this.asyncStreams = redis.getReactive().stream(String.class);
        this.trimmer = new StreamTrimmer(redis, settings.key());
        this.settings = settings;
        this.handler = handler;
        this.metrics = new StreamMetrics(settings.key(), settings.group());
    }

    @Override
    public String name() {
        return settings.group() + " on " + settings.key();
    }

    @Override
    public ConsumerHealth health() {
        if (!isRunning()) {
            return ConsumerHealth.down(name(), "stopped");
        }
        String paused = pausedBecause;
        return paused != null ? ConsumerHealth.down(name(), paused) : ConsumerHealth.up(name(), lag());
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "stream-" + settings.key());
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops reading; waits for the batch in hand to be handled and acknowledged. */
    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(settings.block().toMillis() + 10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isRunning() {
        return running && thread != null && thread.isAlive();
    }

    /** Why the consumer is paused (a dependency away), or null while it works. */
    public String pausedBecause() {
        return pausedBecause;
    }

    /** Since when it is paused (epoch millis), meaningful while {@link #pausedBecause()} is not null. */
    public long pausedSince() {
        return pausedSince;
    }

    /** Entries of the stream the group has not acknowledged yet, as last measured. */
    public long lag() {
        return metrics.lag.get();
    }

    public Settings settings() {
        return settings;
    }

    private void run() {
        boolean groupReady = false;
        boolean claimedAll = !settings.claimAllOnStart();
        String position = "0"; // first our own pending entries (from before a restart), then new ones
        long backoff = 100;
        while (running) {
            try {
                if (!groupReady) {
                    createGroup();
                    groupReady = true;
                }
                if (!claimedAll) {
                    claimAll();
                    claimedAll = true;
                }
                if (position.equals("0")) {
                    awaitLastAcknowledgement(); // what is still pending must not include what is being acknowledged
                }
                List<StreamEntry> batch = position.equals("0") ? readPending() : readNew();
                if (position.equals("0") && batch.isEmpty()) {
                    position = ">";
                    continue;
                }
                if (!batch.isEmpty()) {
                    process(batch);
                }
                claimAbandoned();
                trimAcknowledged();
                resumed();
                backoff = 100;
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                paused(e);
                groupReady = groupReady && !String.valueOf(e.getMessage()).contains("NOGROUP");
                position = "0"; // what failed is still pending: read it again first
                sleep(backoff);
                backoff = Math.min(backoff * 2, settings.maxBackoff().toMillis());
            }
        }
        awaitLastAcknowledgement();
    }

    private void paused(RuntimeException e) {
        String reason = e instanceof DependencyDown down ? down.getMessage() : String.valueOf(e.getMessage());
        if (pausedBecause == null) {
            pausedSince = System.currentTimeMillis();
            LOG.warnf("stream %s: paused, entries stay pending: %s", settings.key(), reason);
        }
        pausedBecause = reason;
    }

    private void resumed() {
        if (pausedBecause != null) {
            LOG.infof("stream %s: resumed after %d ms", settings.key(), System.currentTimeMillis() - pausedSince);
            pausedBecause = null;
        }
    }

    private void createGroup() {
        try {
            streams.xgroupCreate(settings.key(), settings.group(), "0", new XGroupCreateArgs().mkstream());
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    private List<StreamEntry> readPending() {
        return toEntries(streams.xreadgroup(settings.group(), settings.consumer(), settings.key(), "0",
                new XReadGroupArgs().count(settings.batchSize())), true);
    }

    private List<StreamEntry> readNew() {
        return toEntries(streams.xreadgroup(settings.group(), settings.consumer(), settings.key(), ">",
                new XReadGroupArgs().count(settings.batchSize()).block(settings.block())), false);
    }

    /** Takes every pending entry of the group into this consumer's own pending list (read next, from "0"). */
    private void claimAll() {
        String cursor = "0-0";
        int claimed = 0;
        do {
            ClaimedMessages<String, String, String> page = streams.xautoclaim(settings.key(), settings.group(),
                    settings.consumer(), Duration.ZERO, cursor, Math.max(100, settings.batchSize()));
            claimed += page.getMessages().size();
            cursor = page.getId();
        } while (cursor != null && !cursor.equals("0-0"));
        if (claimed > 0) {
            LOG.infof("stream %s: took over %d pending entries of the previous owner", settings.key(), claimed);
        }
    }

    private void claimAbandoned() {
        long now = System.currentTimeMillis();
        if (now - lastClaim < settings.claimAfter().toMillis() / 2) {
            return;
        }
        lastClaim = now;
        ClaimedMessages<String, String, String> claimed = streams.xautoclaim(settings.key(), settings.group(),
                settings.consumer(), settings.claimAfter(), "0-0", settings.batchSize());
        List<StreamEntry> entries = toEntries(claimed.getMessages(), true);
        if (!entries.isEmpty()) {
            LOG.infof("stream %s: claimed %d entries abandoned by a dead consumer", settings.key(), entries.size());
            process(entries);
        }
    }

    private void trimAcknowledged() {
        long now = System.currentTimeMillis();
        if (now - lastTrim < TRIM_EVERY_MILLIS) {
            return;
        }
        lastTrim = now;
        StreamTrimmer.Measure measure = trimmer.trimToAcknowledged(settings.group());
        metrics.lag.set(measure.lag());
        metrics.pending.set(measure.pending());
    }

    private void process(List<StreamEntry> batch) {
        long started = System.nanoTime();
        try {
            handler.handle(batch);
            acknowledgeLater(batch);
        } catch (Exception batchFailure) {
            FailureKind kind = FailureKind.of(batchFailure);
            if (kind == FailureKind.TRANSIENT) {
                throw new DependencyDown(batchFailure);
            }
            LOG.debugf("stream %s: batch of %d failed (%s), isolating the entry at fault", settings.key(),
                    batch.size(), batchFailure.getMessage());
            for (StreamEntry entry : batch) {
                // the batch may have done its work before failing (e.g. committed, then failed to announce)
                processOne(entry.redelivered() ? entry : new StreamEntry(entry.id(), entry.fields(), true));
            }
        } finally {
            metrics.batchEntries.record(batch.size());
            metrics.batchTime.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private void processOne(StreamEntry entry) {
        while (true) {
            try {
                handler.handle(List.of(entry));
                acknowledge(List.of(entry));
                return;
            } catch (Exception e) {
                switch (FailureKind.of(e)) {
                    case TRANSIENT -> throw new DependencyDown(e);
                    case PERMANENT -> {
                        deadLetter(entry, e);
                        return;
                    }
                    case UNKNOWN -> {
                        int attempts = unknownFailures.merge(entry.id(), 1, Integer::sum);
                        if (attempts >= MAX_UNKNOWN_ATTEMPTS) {
                            deadLetter(entry, e);
                            return;
                        }
                        LOG.warnf(e, "stream %s: entry %s failed (attempt %d), retrying", settings.key(), entry.id(),
                                attempts);
                        sleep(100L << attempts);
                    }
                }
            }
        }
    }

    private void deadLetter(StreamEntry entry, Exception cause) {
        String reason = reason(cause);
        LOG.errorf("stream %s: entry %s moved to %s:dead: %s", settings.key(), entry.id(), settings.key(), reason);
        streams.xadd(settings.key() + ":dead", new XAddArgs().maxlen(DEAD_LETTER_MAX_LENGTH).nearlyExactTrimming(),
                deadLetterFields(entry, reason));
        acknowledge(List.of(entry));
        metrics.deadLetters.increment();
        try {
            handler.deadLettered(entry, reason);
        } catch (RuntimeException e) {
            LOG.warnf("stream %s: could not tell the sender of dead-lettered entry %s: %s", settings.key(), entry.id(),
                    e.getMessage());
        }
    }

    /** The entry's fields without large payloads, plus why and when it was dead-lettered. */
    static Map<String, String> deadLetterFields(StreamEntry entry, String reason) {
        Map<String, String> fields = new HashMap<>();
        entry.fields().forEach((k, v) -> fields.put(k, v != null && v.length() > DEAD_LETTER_MAX_FIELD
                ? "(dropped: " + v.length() + " characters)"
                : v));
        fields.put("dead_reason", reason);
        fields.put("dead_id", entry.id());
        fields.put("dead_at", Long.toString(System.currentTimeMillis()));
        return fields;
    }

    /** A short reason: the innermost message, which names the data problem (e.g. the SQLSTATE's text). */
    private static String reason(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + ": " + root.getMessage();
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    /**
     * Acknowledges a handled batch without this thread waiting for Redis's answer: the batch's
     * work is durable and announced already, and an acknowledgement that got lost only leaves the
     * entries pending, to be claimed and handled again (harmless: handlers are idempotent). One
     * blocking round trip less per batch is one thread wake-up less.
     */
    private void acknowledgeLater(List<StreamEntry> entries) {
        String[] ids = entries.stream().map(StreamEntry::id).toArray(String[]::new);
        forgetFailures(ids);
        lastAcknowledgement = asyncStreams.xack(settings.key(), settings.group(), ids).subscribeAsCompletionStage()
                .whenComplete((count, failure) -> {
                    if (failure != null) {
                        LOG.debugf("stream %s: %d entries not acknowledged yet (%s); they stay pending",
                                settings.key(), ids.length, failure.getMessage());
                    }
                });
    }

    private void awaitLastAcknowledgement() {
        try {
            lastAcknowledgement.get(settings.block().toMillis() + 10_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // logged where it failed; its entries stay pending and are read again
        }
    }

    private void forgetFailures(String[] ids) {
        if (!unknownFailures.isEmpty()) {
            for (String id : ids) {
                unknownFailures.remove(id);
            }
        }
    }

    private void acknowledge(List<StreamEntry> entries) {
        String[] ids = entries.stream().map(StreamEntry::id).toArray(String[]::new);
        streams.xack(settings.key(), settings.group(), ids);
        forgetFailures(ids);
    }

    private static List<StreamEntry> toEntries(List<StreamMessage<String, String, String>> messages,
            boolean redelivered) {
        if (messages == null || messages.isEmpty()) {
            return List.of();
        }
        List<StreamEntry> entries = new ArrayList<>(messages.size());
        for (StreamMessage<String, String, String> m : messages) {
            if (m.payload() != null) {
                entries.add(new StreamEntry(m.id(), m.payload(), redelivered));
            }
        }
        return entries;
    }

    private void sleep(long millis) {
        Sleeps.sleepWhile(() -> running, millis);
    }

    /** A dependency is away: the consumer pauses; nothing is dead-lettered. */
    static final class DependencyDown extends RuntimeException {

        DependencyDown(Throwable cause) {
            super("dependency unavailable: " + reason(cause), cause, false, false);
        }
    }
}
