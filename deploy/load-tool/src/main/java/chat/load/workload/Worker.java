package chat.load.workload;

import chat.load.client.ChatConnection;
import chat.load.client.Connector;
import chat.load.client.FrameListener;
import chat.load.client.IncomingFrame;
import chat.load.config.LoadOptions;
import chat.load.stats.MessageText;
import chat.load.stats.RunLedger;
import chat.load.stats.SenderBook;
import chat.load.stats.WorkerResult;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * The workload of one process: opens its slice of the run's connections, waits for the
 * connect-time chatter to settle, then (fan-out, ingest) sends through warm-up, the measured
 * window and the drain, or (connect) holds the connections idle; closes them and hands back its
 * figures. The phases are driven from outside ({@code RunCoordinator}) so that several processes
 * keep the same windows.
 */
public final class Worker implements FrameListener, AutoCloseable {

    private final LoadOptions options;
    private final Slice slice;
    private final Connector connector;
    private final RunLedger ledger;
    private final List<ChatConnection> connections = new ArrayList<>();
    private final Map<Context, Pacer> pacers = new HashMap<>();
    private final String tag;
    private volatile long lastFrameNanos = System.nanoTime();
    private long measureStartNanos;
    private long measureEndNanos;
    private long drainEndNanos;

    public Worker(LoadOptions options, Slice slice) {
        this.options = options;
        this.slice = slice;
        this.tag = options.workerCount > 1 ? "[worker " + options.workerIndex + "] " : "";
        int firstRoom = slice.from() / options.clientsPerRoom;
        int lastRoom = (slice.to() - 1) / options.clientsPerRoom;
        this.ledger = new RunLedger(new MessageText(options.runId), options.clientsPerRoom, firstRoom,
                lastRoom - firstRoom + 1);
        this.connector = new Connector(options.sourceAddresses, options.connectConcurrency,
                options.connectTimeoutSeconds);
        for (int i = slice.from(); i < slice.to(); i++) {
            int room = i / options.clientsPerRoom;
            boolean sends = i % options.clientsPerRoom < options.sendersPerRoom;
            ChatConnection c = connector.prepare(i, room,
                    sends ? new SenderBook(i, room, options.messagesPerSender()) : null);
            connections.add(c);
            if (sends) {
                pacers.computeIfAbsent(c.context(), ctx -> new Pacer(connector.vertx(), ctx, ledger, options.rate,
                        options.payloadBytes, options.expectAcks)).add(c);
            }
        }
    }

    /** Opens the connections ({@code tokens}: bearer token of a global connection index, or null) and lets them settle. */
    public void connect(IntFunction<String> tokens) throws InterruptedException {
        log("connecting %,d connections (%d..%d) to %s", slice.size(), slice.from(), slice.to() - 1, options.url(0));
        long start = System.nanoTime();
        connector.openAll(connections, options::url, tokens, this);
        double seconds = (System.nanoTime() - start) / 1e9;
        log("opened %,d of %,d in %.2f s (%.0f/s)", connector.opened(), connector.attempted(), seconds,
                connector.opened() / seconds);
        long settleEnd = System.nanoTime() + (long) (options.settleSeconds * 1e9);
        Thread.sleep(Math.min(300, (long) (options.settleSeconds * 1000)));
        while (System.nanoTime() < settleEnd && System.nanoTime() - lastFrameNanos < 500_000_000L) {
            Thread.sleep(50);
        }
    }

    /**
     * Sends through warm-up and the measured window starting at {@code startEpochMillis}, then
     * drains: until every measured message is answered and delivered, or the drain time is up.
     */
    public void sendAndDrain(long startEpochMillis) throws InterruptedException {
        long startNanos = System.nanoTime() + Math.max(0, startEpochMillis - System.currentTimeMillis()) * 1_000_000L;
        measureStartNanos = startNanos + (long) (options.warmupSeconds * 1e9);
        measureEndNanos = measureStartNanos + (long) (options.durationSeconds * 1e9);
        pacers.values().forEach(p -> p.start(startNanos, measureStartNanos, measureEndNanos));
        log("sending: %,d senders x %s msgs/s, warm-up %.0f s, measured %.0f s", countSenders(), options.rate,
                options.warmupSeconds, options.durationSeconds);
        long nextReport = System.nanoTime() + 1_000_000_000L;
        long lastDeliveries = 0;
        long lastSent = 0;
        while (System.nanoTime() < measureEndNanos) {
            Thread.sleep(Math.max(1, Math.min(100, (nextReport - System.nanoTime()) / 1_000_000)));
            if (System.nanoTime() >= nextReport) {
                nextReport += 1_000_000_000L;
                lastDeliveries = progress(lastDeliveries, lastSent);
                lastSent = ledger.sentMeasured();
            }
        }
        pacers.values().forEach(Pacer::stop);
        long drainDeadline = System.nanoTime() + (long) (options.drainSeconds * 1e9);
        while (System.nanoTime() < drainDeadline && !drained()) {
            Thread.sleep(20);
        }
        drainEndNanos = System.nanoTime();
        progress(lastDeliveries, lastSent);
    }

    private int countSenders() {
        return (int) connections.stream().filter(c -> c.sender() != null).count();
    }

    /**
     * Drained when every measured message is answered (with acks) and either every open member of
     * this process's rooms has every counted message, or (rooms spread over processes) nothing
     * measured arrived for a second.
     */
    private boolean drained() {
        if (options.expectAcks && ledger.unanswered() > 0) {
            return false;
        }
        if (options.rooms >= options.workerCount) { // every member of these rooms is here: count what is owed
            return ledger.deliveriesMeasured() >= ledger.owedDeliveries(connections, measureStartNanos,
                    options.expectAcks)
                    && ledger.quietNanos() > 300_000_000L;
        }
        return ledger.quietNanos() > 1_000_000_000L;
    }

    private long progress(long lastDeliveries, long lastSent) {
        RunLedger.Interval interval = ledger.interval();
        long deliveries = ledger.deliveriesMeasured();
        log("sent/s %,7d  acked %,9d  deliveries/s %,9d  ack p99 %s  delivery p50 %s p99 %s",
                ledger.sentMeasured() - lastSent, ledger.acked(), deliveries - lastDeliveries,
                p(interval.acks(), 99), p(interval.deliveries(), 50), p(interval.deliveries(), 99));
        return deliveries;
    }

    private static String p(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? "-" : String.format("%.1f ms", h.getValueAtPercentile(percentile) / 1000.0);
    }

    public long opened() {
        return connector.opened();
    }

    public Map<String, Long> connectFailures() {
        WorkerResult r = new WorkerResult();
        connector.fill(r);
        return r.connectFailures;
    }

    /** Keeps the connections open and idle for the hold time (connect workload). */
    public void hold(double seconds) throws InterruptedException {
        log("holding %,d connections idle for %.0f s", connector.opened(), seconds);
        measureStartNanos = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        measureEndNanos = System.nanoTime();
        drainEndNanos = measureEndNanos;
    }

    /** Closes every connection (code 1000). */
    public void closeAll() throws InterruptedException {
        connector.closeAll(connections, 5_000);
    }

    /** This process's figures (call after the last phase, before {@link #closeAll}). */
    public WorkerResult result() {
        WorkerResult r = ledger.result(connections, measureStartNanos, drainEndNanos);
        connector.fill(r);
        return r;
    }

    @Override
    public void onFrame(ChatConnection c, IncomingFrame frame) {
        lastFrameNanos = System.nanoTime();
        ledger.frame(frame.type());
        if (frame.type() == null) {
            return;
        }
        switch (frame.type()) {
            case "chat_message" -> ledger.delivery(c.room(), c.received(), frame.message(), frame.seq());
            case "ack" -> {
                if (c.sender() != null) {
                    ledger.answer(c.sender(), frame.clientId(), null);
                }
            }
            case "error" -> ledger.error(c.sender(), frame.clientId(), frame.code() == null ? "none" : frame.code());
            default -> {
            }
        }
    }

    private void log(String format, Object... args) {
        System.err.printf("%s%s%n", tag, String.format(format, args));
    }

    @Override
    public void close() {
        connector.close();
    }
}
