package chat.events.redis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The meters of one consumer group on one stream, in the global registry (a service with a
 * Micrometer registry exports them; without one they cost nothing):
 * {@code chat_stream_lag_entries} (entries not yet acknowledged: the stream's length once
 * trimmed to what every group acknowledged), {@code chat_stream_pending_entries} (delivered,
 * not yet acknowledged), {@code chat_dead_letters_total}, {@code chat_consumer_batch_entries}
 * and {@code chat_consumer_batch_seconds}. Tagged with {@code stream} and {@code group}.
 */
final class StreamMetrics {

    /** Gauge values by stream and group: one holder each, so a restarted consumer keeps reporting. */
    private static final Map<String, AtomicLong[]> GAUGES = new ConcurrentHashMap<>();

    final AtomicLong lag;
    final AtomicLong pending;
    final Counter deadLetters;
    final DistributionSummary batchEntries;
    final Timer batchTime;

    StreamMetrics(String stream, String group) {
        MeterRegistry registry = Metrics.globalRegistry;
        AtomicLong[] values = GAUGES.computeIfAbsent(stream + "\u0000" + group, k -> {
            AtomicLong[] v = {new AtomicLong(), new AtomicLong()};
            Gauge.builder("chat_stream_lag_entries", v[0], AtomicLong::get).tag("stream", stream).tag("group", group)
                    .description("entries of the stream this group has not acknowledged yet").register(registry);
            Gauge.builder("chat_stream_pending_entries", v[1], AtomicLong::get).tag("stream", stream)
                    .tag("group", group)
                    .description("entries delivered to the group and not acknowledged yet").register(registry);
            return v;
        });
        lag = values[0];
        pending = values[1];
        deadLetters = Counter.builder("chat_dead_letters").tag("stream", stream).tag("group", group)
                .description("entries moved to the dead-letter stream").register(registry);
        batchEntries = DistributionSummary.builder("chat_consumer_batch_entries").tag("stream", stream)
                .tag("group", group)
                .description("entries handled together").register(registry);
        batchTime = Timer.builder("chat_consumer_batch").tag("stream", stream).tag("group", group)
                .description("time to handle and acknowledge one batch").publishPercentileHistogram()
                .register(registry);
    }
}
