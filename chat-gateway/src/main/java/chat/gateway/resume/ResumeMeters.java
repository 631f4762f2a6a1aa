package chat.gateway.resume;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What resumes hold and do (Prometheus names in brackets): history bytes fetched and not yet
 * written to their socket [chat_resume_bytes_in_flight], its highest value since start
 * [chat_resume_bytes_in_flight_peak], replays running and waiting [chat_resume_active,
 * chat_resume_queued], the most that ran at once [chat_resume_active_peak], pages written
 * [chat_resume_pages_total] and resumes refused because the queue was full [chat_resume_refused_total].
 */
@ApplicationScoped
public class ResumeMeters {

    private final AtomicLong bytesInFlight = new AtomicLong();
    private final AtomicLong peakBytesInFlight = new AtomicLong();
    private final Counter pages;
    private final Counter refused;

    public ResumeMeters(MeterRegistry registry, ResumeSlots slots) {
        Gauge.builder("chat.resume.bytes.in.flight", bytesInFlight, AtomicLong::get)
                .description("History bytes resumes fetched and have not yet written to their sockets")
                .register(registry);
        Gauge.builder("chat.resume.bytes.in.flight.peak", peakBytesInFlight, AtomicLong::get)
                .description("Highest chat_resume_bytes_in_flight since the gateway started").register(registry);
        Gauge.builder("chat.resume.active", slots, ResumeSlots::active)
                .description("Resumes replaying history now").register(registry);
        Gauge.builder("chat.resume.active.peak", slots, ResumeSlots::peakActive)
                .description("Most resumes that replayed at once since the gateway started").register(registry);
        Gauge.builder("chat.resume.queued", slots, ResumeSlots::queued)
                .description("Resumes waiting for a replay slot").register(registry);
        pages = Counter.builder("chat.resume.pages").description("History pages resumes wrote").register(registry);
        refused = Counter.builder("chat.resume.refused")
                .description("Resumes answered unavailable because too many were waiting").register(registry);
    }

    /** A page arrived from history: its bytes are held until {@link #pageDone}. */
    void pageFetched(long bytes) {
        long now = bytesInFlight.addAndGet(bytes);
        peakBytesInFlight.accumulateAndGet(now, Math::max);
    }

    /** A page left memory (written to its socket, or given up). */
    void pageDone(long bytes) {
        bytesInFlight.addAndGet(-bytes);
        pages.increment();
    }

    void refused() {
        refused.increment();
    }
}
