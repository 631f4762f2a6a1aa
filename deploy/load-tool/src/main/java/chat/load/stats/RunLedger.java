package chat.load.stats;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The accounting of one process: every send, answer and delivery of the run's messages, with
 * latencies in HdrHistograms (microseconds). Called from many event loops at once; per-connection
 * state lives in {@link SenderBook} and {@link ReceiverBook}, shared counters here are atomic.
 * {@link #result} turns it into a {@link WorkerResult} that merges with other processes'.
 */
public final class RunLedger {

    private final MessageText ids;
    private final int clientsPerRoom;
    private final int firstRoom;
    private final AtomicLongArray sentByRoom;
    private final AtomicLongArray ackedByRoom;

    private final LongAdder sentMeasured = new LongAdder();
    private final LongAdder sentWarmup = new LongAdder();
    private final LongAdder sendFailures = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder ackedWarmup = new LongAdder();
    private final LongAdder unmatchedAnswers = new LongAdder();
    private final LongAdder errorsMeasured = new LongAdder();
    private final Map<String, LongAdder> errorsByCode = new ConcurrentHashMap<>();
    private final LongAdder deliveriesMeasured = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder outOfOrder = new LongAdder();
    private final LongAdder crossRoom = new LongAdder();
    private final LongAdder foreignChat = new LongAdder();
    private final Map<String, LongAdder> framesByType = new ConcurrentHashMap<>();
    private final AtomicLong firstSendMicros = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastSendMicros = new AtomicLong();
    private final AtomicLong lastAckMicros = new AtomicLong();
    private final AtomicLong lastDeliveryMicros = new AtomicLong();
    private final AtomicLong lastMeasuredFrameNanos = new AtomicLong(System.nanoTime());

    private final Recorder ackLatency = new Recorder(3);
    private final Recorder deliveryLatency = new Recorder(3);
    private final Recorder pacingLag = new Recorder(3);
    private final Histogram ackTotal = Histograms.empty();
    private final Histogram deliveryTotal = Histograms.empty();
    private final Histogram pacingTotal = Histograms.empty();

    /** Rooms {@code firstRoom .. firstRoom + roomCount - 1} have senders in this process. */
    public RunLedger(MessageText ids, int clientsPerRoom, int firstRoom, int roomCount) {
        this.ids = ids;
        this.clientsPerRoom = clientsPerRoom;
        this.firstRoom = firstRoom;
        this.sentByRoom = new AtomicLongArray(roomCount);
        this.ackedByRoom = new AtomicLongArray(roomCount);
    }

    public MessageText ids() {
        return ids;
    }

    /**
     * Books the next message of a sender and returns its frame text, or null when the sender has
     * used up its planned messages. {@code lateMicros}: how late the pacer sends it (the tool's own lag).
     */
    public String nextText(SenderBook book, boolean measured, long lateMicros, int payloadBytes) {
        int n = book.take(measured, System.nanoTime());
        if (n < 0) {
            return null;
        }
        long now = WallClock.micros();
        if (measured) {
            sentMeasured.increment();
            sentByRoom.incrementAndGet(book.room - firstRoom);
            firstSendMicros.accumulateAndGet(now, Math::min);
            lastSendMicros.accumulateAndGet(now, Math::max);
            pacingLag.recordValue(Math.max(0, lateMicros));
        } else {
            sentWarmup.increment();
        }
        return ids.text(book.sender, n, now, measured, payloadBytes);
    }

    /** A send that failed locally (the connection was closed): the message never left. */
    public void sendFailed() {
        sendFailures.increment();
    }

    /** An {@code ack} or {@code error} frame at a sender; {@code errorCode} null for an ack. */
    public void answer(SenderBook book, String clientId, String errorCode) {
        if (errorCode != null) {
            errorsByCode.computeIfAbsent(errorCode, c -> new LongAdder()).increment();
        }
        int[] id = ids.parseClientId(clientId);
        if (id == null || id[0] != book.sender) {
            if (errorCode == null) {
                unmatchedAnswers.increment();
            }
            return;
        }
        byte before = book.answer(id[1]);
        if (before == SenderBook.UNSENT) {
            unmatchedAnswers.increment(); // unknown number, or a second answer to one message
            return;
        }
        long sentNanos = book.sentNanos(id[1]);
        if (errorCode != null) {
            if (before == SenderBook.SENT_MEASURED) {
                errorsMeasured.increment();
                lastMeasuredFrameNanos.set(System.nanoTime());
            }
            return;
        }
        if (before == SenderBook.SENT_MEASURED) {
            acked.increment();
            ackedByRoom.incrementAndGet(book.room - firstRoom);
            ackLatency.recordValue(Math.max(0, (System.nanoTime() - sentNanos) / 1000));
            lastAckMicros.accumulateAndGet(WallClock.micros(), Math::max);
            lastMeasuredFrameNanos.set(System.nanoTime());
        } else {
            ackedWarmup.increment();
        }
    }

    /** An {@code error} frame: counted by code, and as the answer of its message when it names one of a sender's. */
    public void error(SenderBook book, String clientId, String code) {
        if (book != null) {
            answer(book, clientId, code);
        } else {
            errorsByCode.computeIfAbsent(code, c -> new LongAdder()).increment();
        }
    }

    /** A {@code chat_message} at a receiver; {@code seq} negative when the server sends none. */
    public void delivery(int receiverRoom, ReceiverBook book, String text, long seq) {
        MessageText.Id id = ids.parseText(text);
        if (id == null) {
            foreignChat.increment();
            return;
        }
        if (id.sender() / clientsPerRoom != receiverRoom) {
            crossRoom.increment();
        }
        ReceiverBook.Verdict verdict = book.deliver(id.sender(), id.n(), seq, id.measured());
        if (verdict == ReceiverBook.Verdict.DUPLICATE) {
            duplicates.increment();
            return;
        }
        if (verdict == ReceiverBook.Verdict.OUT_OF_ORDER) {
            outOfOrder.increment();
        }
        if (id.measured()) {
            long now = WallClock.micros();
            deliveriesMeasured.increment();
            deliveryLatency.recordValue(Math.max(0, now - id.sentAtMicros()));
            lastDeliveryMicros.accumulateAndGet(now, Math::max);
            lastMeasuredFrameNanos.set(System.nanoTime());
        }
    }

    /** Counts an incoming frame by its {@code type}. */
    public void frame(String type) {
        framesByType.computeIfAbsent(type == null ? "untyped" : type, t -> new LongAdder()).increment();
    }

    public long sentMeasured() {
        return sentMeasured.sum();
    }

    /** Measured messages not answered yet (ack or error). */
    public long unanswered() {
        return Math.max(0, sentMeasured.sum() - acked.sum() - errorsMeasured.sum());
    }

    public long deliveriesMeasured() {
        return deliveriesMeasured.sum();
    }

    public long acked() {
        return acked.sum();
    }

    /** Nanoseconds since the last measured ack or delivery (the drain ends when it is quiet). */
    public long quietNanos() {
        return System.nanoTime() - lastMeasuredFrameNanos.get();
    }

    /**
     * Deliveries owed so far to the members open since {@code fromNanos}: each room's counted
     * messages (acked, or sent without acks) times its open members (when every member of the
     * rooms is in this process).
     */
    public long owedDeliveries(List<? extends Member> members, long fromNanos, boolean acks) {
        long now = System.nanoTime();
        long owed = 0;
        for (Member m : members) {
            if (m.openThroughout(fromNanos, now)) {
                int i = m.room() - firstRoom;
                owed += acks ? ackedByRoom.get(i) : sentByRoom.get(i);
            }
        }
        return owed;
    }

    /** Moves the latencies recorded since the last call into the totals, and returns that interval's deliveries. */
    public synchronized Interval interval() {
        Histogram acks = ackLatency.getIntervalHistogram();
        Histogram deliveries = deliveryLatency.getIntervalHistogram();
        ackTotal.add(acks);
        deliveryTotal.add(deliveries);
        pacingTotal.add(pacingLag.getIntervalHistogram());
        return new Interval(acks, deliveries);
    }

    /** One second's latencies, for the progress line. */
    public record Interval(Histogram acks, Histogram deliveries) {
    }

    /** The figures of this process; {@code members} are its connections, stable ones counted per room. */
    public WorkerResult result(List<? extends Member> members, long measureStartNanos, long measureEndNanos) {
        interval();
        WorkerResult r = new WorkerResult();
        r.sentMeasured = sentMeasured.sum();
        r.sentWarmup = sentWarmup.sum();
        r.sendFailures = sendFailures.sum();
        r.acked = acked.sum();
        r.ackedWarmup = ackedWarmup.sum();
        r.unmatchedAnswers = unmatchedAnswers.sum();
        r.errorsMeasured = errorsMeasured.sum();
        r.errorsByCode = sums(errorsByCode);
        r.duplicates = duplicates.sum();
        r.outOfOrder = outOfOrder.sum();
        r.crossRoom = crossRoom.sum();
        r.foreignChat = foreignChat.sum();
        r.framesByType = sums(framesByType);
        r.deliveriesAll = deliveriesMeasured.sum();
        r.firstSendMicros = firstSendMicros.get() == Long.MAX_VALUE ? 0 : firstSendMicros.get();
        r.lastSendMicros = lastSendMicros.get();
        r.lastAckMicros = lastAckMicros.get();
        r.lastDeliveryMicros = lastDeliveryMicros.get();
        for (int i = 0; i < sentByRoom.length(); i++) {
            if (sentByRoom.get(i) > 0) {
                r.room(firstRoom + i).add(new RoomTally(sentByRoom.get(i), ackedByRoom.get(i), 0, 0));
            }
        }
        for (Member m : members) {
            if (m.openThroughout(measureStartNanos, measureEndNanos)) {
                r.room(m.room()).add(new RoomTally(0, 0, 1, m.received().measuredDeliveries()));
            }
        }
        r.ackLatency = Histograms.encode(ackTotal);
        r.deliveryLatency = Histograms.encode(deliveryTotal);
        r.pacingLag = Histograms.encode(pacingTotal);
        return r;
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
