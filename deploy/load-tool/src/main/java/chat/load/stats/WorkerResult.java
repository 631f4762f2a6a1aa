package chat.load.stats;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The figures of one process of a run (or of all of them, merged), as sent from a worker process
 * to the coordinator in JSON: counters, per-room tallies and histograms in HdrHistogram's
 * compressed encoding. Times are epoch microseconds ({@link WallClock}).
 */
public final class WorkerResult {

    public long connectionsAttempted;
    public long connectionsOpened;
    public Map<String, Long> connectFailures = new TreeMap<>();
    public long unexpectedCloses;
    public Map<String, Long> closeCodes = new TreeMap<>();
    public long connectStartMicros;
    public long connectEndMicros;
    public String handshakeLatency = Histograms.encode(Histograms.empty());

    public long sentMeasured;
    public long sentWarmup;
    public long sendFailures;
    public long acked;
    public long ackedWarmup;
    public long unmatchedAnswers;
    /** Measured messages answered by an error (their codes are in {@link #errorsByCode}, with warm-up ones). */
    public long errorsMeasured;
    public Map<String, Long> errorsByCode = new TreeMap<>();
    public long deliveriesAll;
    public long duplicates;
    public long outOfOrder;
    public long crossRoom;
    public long foreignChat;
    public Map<String, Long> framesByType = new TreeMap<>();
    public long firstSendMicros;
    public long lastSendMicros;
    public long lastAckMicros;
    public long lastDeliveryMicros;
    public Map<Integer, RoomTally> rooms = new TreeMap<>();
    public String ackLatency = Histograms.encode(Histograms.empty());
    public String deliveryLatency = Histograms.encode(Histograms.empty());
    public String pacingLag = Histograms.encode(Histograms.empty());

    RoomTally room(int room) {
        return rooms.computeIfAbsent(room, r -> new RoomTally());
    }

    /** Adds up the results of several processes: counters summed, windows widened, histograms added. */
    public static WorkerResult merge(List<WorkerResult> parts) {
        WorkerResult m = new WorkerResult();
        Histogram ack = Histograms.empty();
        Histogram delivery = Histograms.empty();
        Histogram pacing = Histograms.empty();
        Histogram handshake = Histograms.empty();
        m.firstSendMicros = Long.MAX_VALUE;
        m.connectStartMicros = Long.MAX_VALUE;
        for (WorkerResult p : parts) {
            m.connectionsAttempted += p.connectionsAttempted;
            m.connectionsOpened += p.connectionsOpened;
            addAll(m.connectFailures, p.connectFailures);
            m.unexpectedCloses += p.unexpectedCloses;
            addAll(m.closeCodes, p.closeCodes);
            m.connectStartMicros = Math.min(m.connectStartMicros, p.connectStartMicros);
            m.connectEndMicros = Math.max(m.connectEndMicros, p.connectEndMicros);
            m.sentMeasured += p.sentMeasured;
            m.sentWarmup += p.sentWarmup;
            m.sendFailures += p.sendFailures;
            m.acked += p.acked;
            m.ackedWarmup += p.ackedWarmup;
            m.unmatchedAnswers += p.unmatchedAnswers;
            m.errorsMeasured += p.errorsMeasured;
            addAll(m.errorsByCode, p.errorsByCode);
            m.deliveriesAll += p.deliveriesAll;
            m.duplicates += p.duplicates;
            m.outOfOrder += p.outOfOrder;
            m.crossRoom += p.crossRoom;
            m.foreignChat += p.foreignChat;
            addAll(m.framesByType, p.framesByType);
            if (p.firstSendMicros > 0) {
                m.firstSendMicros = Math.min(m.firstSendMicros, p.firstSendMicros);
            }
            m.lastSendMicros = Math.max(m.lastSendMicros, p.lastSendMicros);
            m.lastAckMicros = Math.max(m.lastAckMicros, p.lastAckMicros);
            m.lastDeliveryMicros = Math.max(m.lastDeliveryMicros, p.lastDeliveryMicros);
            p.rooms.forEach((room, tally) -> m.room(room).add(tally));
            ack.add(Histograms.decode(p.ackLatency));
            delivery.add(Histograms.decode(p.deliveryLatency));
            pacing.add(Histograms.decode(p.pacingLag));
            handshake.add(Histograms.decode(p.handshakeLatency));
        }
        if (m.firstSendMicros == Long.MAX_VALUE) {
            m.firstSendMicros = 0;
        }
        if (m.connectStartMicros == Long.MAX_VALUE) {
            m.connectStartMicros = 0;
        }
        m.ackLatency = Histograms.encode(ack);
        m.deliveryLatency = Histograms.encode(delivery);
        m.pacingLag = Histograms.encode(pacing);
        m.handshakeLatency = Histograms.encode(handshake);
        return m;
    }

    /** Deliveries owed to members present for the whole measured window. */
    @JsonIgnore
    public long expectedDeliveries(boolean acks) {
        return rooms.values().stream().mapToLong(t -> t.expected(acks)).sum();
    }

    /** Distinct measured messages received by those members. */
    @JsonIgnore
    public long stableDeliveries() {
        return rooms.values().stream().mapToLong(t -> t.delivered).sum();
    }

    /** Owed deliveries that never came, room by room (a surplus in one room does not hide a loss in another). */
    @JsonIgnore
    public long lostDeliveries(boolean acks) {
        return rooms.values().stream().mapToLong(t -> t.lost(acks)).sum();
    }

    /** Messages fully delivered, in message-equivalents: each room's deliveries over its stable members. */
    @JsonIgnore
    public double deliveredMessages(boolean acks) {
        return rooms.values().stream().filter(t -> t.stableMembers > 0)
                .mapToDouble(t -> Math.min(t.delivered, t.expected(acks)) / (double) t.stableMembers).sum();
    }

    @JsonIgnore
    public long errors() {
        return errorsByCode.values().stream().mapToLong(Long::longValue).sum();
    }

    private static void addAll(Map<String, Long> into, Map<String, Long> from) {
        from.forEach((k, v) -> into.merge(k, v, Long::sum));
    }
}
