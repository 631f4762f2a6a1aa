package chat.gateway.metrics;

import chat.events.ErrorCode;
import chat.gateway.frames.ClientFrame;
import chat.gateway.limits.InFlightLimit;
import chat.gateway.session.SessionRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's {@code chat_*} meters (Prometheus names in brackets): open connections
 * [chat_connections_open], connections opened and closed [chat_connections_opened_total,
 * chat_connections_closed_total], upgrades by result [chat_upgrades_total{result}], frames in and out by
 * type [chat_frames_in_total{type}, chat_frames_out_total{type}], refused frames by error code
 * [chat_frames_rejected_total{code}], delivery latency from a message's {@code sent_at} to its
 * write to this gateway's sockets [chat_delivery_latency_seconds], gap fills
 * [chat_gap_fills_total], stalled readers dropped [chat_stalled_readers_dropped_total] and upgrades
 * refused by admission control [chat_admission_refused_total{reason}], and the load shedding of
 * message frames: its bound [chat_in_flight_limit], the frames under it [chat_in_flight_frames] and
 * those refused [chat_frames_shed_total].
 */
@ApplicationScoped
public class GatewayMetrics {

    private static final String SENT_AT = "\"sent_at\":\"";

    private final MeterRegistry registry;
    private final Timer deliveryLatency;
    private final Counter gapFills;
    private final Counter stalledReadersDropped;
    private final Counter shed;
    private final Counter connectionsOpened;
    private final Counter connectionsClosed;
    private final SessionRegistry sessions;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry, SessionRegistry sessions, InFlightLimit inFlight) {
        this.registry = registry;
        this.sessions = sessions;
        Gauge.builder("chat.connections.open", sessions, s -> s.sessions().size())
                .description("WebSocket connections open on this gateway").register(registry);
        connectionsOpened = Counter.builder("chat.connections.opened")
                .description("WebSocket connections opened (joined their room) on this gateway").register(registry);
        connectionsClosed = Counter.builder("chat.connections.closed")
                .description("WebSocket connections closed on this gateway, however they ended").register(registry);
        Gauge.builder("chat.in.flight.limit", inFlight, InFlightLimit::limit)
                .description("The adaptive bound on message frames awaiting their answers").register(registry);
        Gauge.builder("chat.in.flight.frames", inFlight, InFlightLimit::inFlight)
                .description("Message frames handed to the streams and not answered yet").register(registry);
        shed = Counter.builder("chat.frames.shed")
                .description("Message frames answered unavailable at once because the in-flight bound was reached")
                .register(registry);
        deliveryLatency = Timer.builder("chat.delivery.latency")
                .description("From a message's sent_at (stored) to its write to this gateway's connections")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        gapFills = Counter.builder("chat.gap.fills").description("Seq gaps filled from message history")
                .register(registry);
        stalledReadersDropped = Counter.builder("chat.stalled.readers.dropped")
                .description("Connections closed because their reader stopped reading").register(registry);
    }

    /** An upgrade decided: {@code accepted}, or the HTTP status it was refused with. */
    public void upgrade(boolean accepted, int status) {
        counter("chat.upgrades", "result", accepted ? "accepted" : Integer.toString(status)).increment();
    }

    /** A connection joined its room. */
    public void connectionOpened() {
        connectionsOpened.increment();
    }

    /** A connection that had joined its room closed. */
    public void connectionClosed() {
        connectionsClosed.increment();
    }

    public int connectionsOpen() {
        return sessions.sessions().size();
    }

    public long connectionsOpened() {
        return (long) connectionsOpened.count();
    }

    public long connectionsClosed() {
        return (long) connectionsClosed.count();
    }

    /** A client frame that passed validation; a ping is answered here with a pong. */
    public void frameIn(ClientFrame frame) {
        counter("chat.frames.in", "type", typeOf(frame)).increment();
        if (frame instanceof ClientFrame.Ping) {
            framesOut("pong", 1);
        }
    }

    private static String typeOf(ClientFrame frame) {
        if (frame instanceof ClientFrame.TextMessage) {
            return "message";
        }
        if (frame instanceof ClientFrame.Media media) {
            return media.kind().name().toLowerCase();
        }
        if (frame instanceof ClientFrame.MessageRead) {
            return "message_read";
        }
        if (frame instanceof ClientFrame.Typing) {
            return "typing";
        }
        return frame instanceof ClientFrame.Resume ? "resume" : "ping";
    }

    /** A message frame refused because the in-flight bound was reached (also counted as rejected). */
    public void shed() {
        shed.increment();
        rejected(ErrorCode.UNAVAILABLE);
    }

    /** A client frame refused with an error frame ({@code bad_frame}, {@code too_large}, {@code rate_limited}...). */
    public void rejected(ErrorCode code) {
        counter("chat.frames.rejected", "code", code.wire()).increment();
        framesOut("error", 1);
    }

    /** Frames of one type written to {@code count} connections. */
    public void framesOut(String type, int count) {
        if (count > 0) {
            counter("chat.frames.out", "type", type).increment(count);
        }
    }

    /** A room message written now: records the time since it was stored (its frame's {@code sent_at}). */
    public void delivered(String frame) {
        int start = frame.indexOf(SENT_AT);
        if (start < 0) {
            return;
        }
        start += SENT_AT.length();
        int end = frame.indexOf('"', start);
        try {
            Duration latency = Duration.between(Instant.parse(frame.substring(start, end)), Instant.now());
            deliveryLatency.record(latency.isNegative() ? Duration.ZERO : latency);
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            // a frame without a usable timestamp is delivered all the same; it just is not measured
        }
    }

    /** An upgrade refused with 503 because this gateway is full ({@code connections} or {@code heap}). */
    public void admissionRefused(String reason) {
        counter("chat.admission.refused", "reason", reason).increment();
    }

    /** Fan-out entries read from one partition (only partitions of rooms with local connections are read). */
    public void eventsRead(int partition, int count) {
        if (count > 0) {
            counter("chat.events.read", "partition", Integer.toString(partition)).increment(count);
        }
    }

    public void gapFill() {
        gapFills.increment();
    }

    public void stalledReaderDropped() {
        stalledReadersDropped.increment();
    }

    /** Tag values come from closed sets (frame types, error codes, statuses), so the cache stays small. */
    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(name + '\0' + value,
                k -> Counter.builder(name).tag(tag, value).register(registry));
    }
}
