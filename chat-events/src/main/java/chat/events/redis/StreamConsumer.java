package chat.events.redis;

import chat.events.MalformedEntryException;
import io.quarkus.redis.datasource.RedisDataSource;
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
import org.jboss.logging.Logger;

/**
 * Reads one command stream as a member of a consumer group, on a thread of its own.
 *
 * <ul>
 *   <li>the group is created idempotently (an existing group is fine);</li>
 *   <li>entries are handed over in batches and acknowledged ({@code XACK}) only after the
 *       handler returned, i.e. after its work is durable;</li>
 *   <li>a failed batch is retried entry by entry; an entry that keeps failing, or that can
 *       never be read, goes to {@code <stream>:dead} and is acknowledged, so one bad entry
 *       cannot stop the stream;</li>
 *   <li>entries left pending by a consumer that died are claimed ({@code XAUTOCLAIM}) once
 *       they have been idle for the claim timeout;</li>
 *   <li>{@link #stop()} lets the batch in hand finish before the thread ends.</li>
 * </ul>
 */
public final class StreamConsumer {

    private static final Logger LOG = Logger.getLogger(StreamConsumer.class);
    private static final int MAX_ATTEMPTS = 3;
    private static final long DEAD_LETTER_MAX_LENGTH = 10_000;

    private final StreamCommands<String, String, String> streams;
    private final Settings settings;
    private final BatchHandler handler;
    private final Map<String, Integer> failures = new HashMap<>();
    private volatile boolean running;
    private Thread thread;
    private long lastClaim;

    /**
     * @param key          the stream
     * @param group        consumer group (one per service)
     * @param consumer     this instance's name in the group
     * @param batchSize    entries per read
     * @param block        how long one read waits for new entries
     * @param claimAfter   idle time after which another consumer's pending entry is taken over
     */
    public record Settings(String key, String group, String consumer, int batchSize, Duration block, Duration claimAfter) {
    }

    public StreamConsumer(RedisDataSource redis, Settings settings, BatchHandler handler) {
        this.streams = redis.stream(String.class);
        this.settings = settings;
        this.handler = handler;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "stream-" + settings.group());
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops reading; waits for the batch in hand to be handled and acknowledged. */
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

    private void run() {
        boolean groupReady = false;
        String position = "0"; // first our own pending entries (from before a restart), then new ones
        long backoff = 100;
        while (running) {
            try {
                if (!groupReady) {
                    createGroup();
                    groupReady = true;
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
                backoff = 100;
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                LOG.warnf("stream %s: %s; retrying in %d ms", settings.key(), e.getMessage(), backoff);
                groupReady = groupReady && !String.valueOf(e.getMessage()).contains("NOGROUP");
                position = "0";
                sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
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
                new XReadGroupArgs().count(settings.batchSize())));
    }

    private List<StreamEntry> readNew() {
        return toEntries(streams.xreadgroup(settings.group(), settings.consumer(), settings.key(), ">",
                new XReadGroupArgs().count(settings.batchSize()).block(settings.block())));
    }

    private void claimAbandoned() {
        long now = System.currentTimeMillis();
        if (now - lastClaim < settings.claimAfter().toMillis() / 2) {
            return;
        }
        lastClaim = now;
        ClaimedMessages<String, String, String> claimed = streams.xautoclaim(settings.key(), settings.group(),
                settings.consumer(), settings.claimAfter(), "0-0", settings.batchSize());
        List<StreamEntry> entries = toEntries(claimed.getMessages());
        if (!entries.isEmpty()) {
            LOG.infof("stream %s: claimed %d entries abandoned by a dead consumer", settings.key(), entries.size());
            process(entries);
        }
    }

    private void process(List<StreamEntry> batch) {
        try {
            handler.handle(batch);
            acknowledge(batch);
        } catch (Exception batchFailure) {
            if (batch.size() == 1 && !(batchFailure instanceof MalformedEntryException)) {
                retryLater(batch.get(0), batchFailure);
                return;
            }
            for (StreamEntry entry : batch) {
                processOne(entry);
            }
        }
    }

    private void processOne(StreamEntry entry) {
        try {
            handler.handle(List.of(entry));
            acknowledge(List.of(entry));
        } catch (MalformedEntryException e) {
            deadLetter(entry, e);
        } catch (Exception e) {
            retryLater(entry, e);
        }
    }

    private void retryLater(StreamEntry entry, Exception cause) {
        int attempts = failures.merge(entry.id(), 1, Integer::sum);
        if (attempts >= MAX_ATTEMPTS) {
            deadLetter(entry, cause);
        } else {
            // left pending: read again from position 0 after the back-off of run()
            throw new IllegalStateException("entry " + entry.id() + " failed (attempt " + attempts + "): "
                    + cause.getMessage(), cause);
        }
    }

    private void deadLetter(StreamEntry entry, Exception cause) {
        LOG.errorf("stream %s: entry %s moved to the dead-letter stream: %s", settings.key(), entry.id(), cause.getMessage());
        Map<String, String> fields = new HashMap<>(entry.fields());
        fields.put("dead_reason", String.valueOf(cause.getMessage()));
        fields.put("dead_id", entry.id());
        streams.xadd(settings.key() + ":dead", new XAddArgs().maxlen(DEAD_LETTER_MAX_LENGTH).nearlyExactTrimming(), fields);
        acknowledge(List.of(entry));
    }

    private void acknowledge(List<StreamEntry> entries) {
        String[] ids = entries.stream().map(StreamEntry::id).toArray(String[]::new);
        streams.xack(settings.key(), settings.group(), ids);
        for (String id : ids) {
            failures.remove(id);
        }
    }

    private static List<StreamEntry> toEntries(List<StreamMessage<String, String, String>> messages) {
        if (messages == null || messages.isEmpty()) {
            return List.of();
        }
        List<StreamEntry> entries = new ArrayList<>(messages.size());
        for (StreamMessage<String, String, String> m : messages) {
            if (m.payload() != null) {
                entries.add(new StreamEntry(m.id(), m.payload()));
            }
        }
        return entries;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
