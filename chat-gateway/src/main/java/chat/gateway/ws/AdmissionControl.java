package chat.gateway.ws;

import chat.gateway.config.GatewayConfig;
import chat.gateway.session.SessionRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;

/**
 * Decides whether this gateway takes one more connection: not past {@code max-connections}, and
 * not while the heap live after the latest collection passes {@code max-heap-after-gc} of the
 * maximum. Refused upgrades get 503 and cost almost nothing, existing connections go on, and
 * the gateway admits again as soon as clients leave and a collection frees their memory.
 */
@ApplicationScoped
public class AdmissionControl {

    /** Why an upgrade is refused. */
    public enum Refusal {
        CONNECTIONS, HEAP
    }

    private final IntSupplier openConnections;
    private final DoubleSupplier heapAfterGc;
    private final int maxConnections;
    private final double maxHeapAfterGc;
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()).toList();
    private final long maxHeap = Runtime.getRuntime().maxMemory();

    @Inject
    public AdmissionControl(SessionRegistry sessions, GatewayConfig config, MeterRegistry registry) {
        this(() -> sessions.sessions().size(), null, config.gateway().maxConnections(),
                config.gateway().maxHeapAfterGc());
        Gauge.builder("chat.heap.after.gc.ratio", this, AdmissionControl::liveHeapShare)
                .description("share of the maximum heap still in use after the latest collection").register(registry);
    }

    /** @param heapAfterGc the live heap's share of the maximum, or null for this JVM's */
    AdmissionControl(IntSupplier openConnections, DoubleSupplier heapAfterGc, int maxConnections,
            double maxHeapAfterGc) {
        this.openConnections = openConnections;
        this.heapAfterGc = heapAfterGc != null ? heapAfterGc : this::liveHeapShare;
        this.maxConnections = maxConnections;
        this.maxHeapAfterGc = maxHeapAfterGc;
    }

    /** Empty when one more connection is welcome, else why not. */
    public Optional<Refusal> refusal() {
        if (openConnections.getAsInt() >= maxConnections) {
            return Optional.of(Refusal.CONNECTIONS);
        }
        if (heapAfterGc.getAsDouble() > maxHeapAfterGc) {
            return Optional.of(Refusal.HEAP);
        }
        return Optional.empty();
    }

    /** The heap in use after each pool's latest collection, as a share of the maximum heap. */
    double liveHeapShare() {
        long used = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            MemoryUsage afterGc = pool.getCollectionUsage();
            if (afterGc != null) {
                used += afterGc.getUsed();
            }
        }
        return maxHeap <= 0 ? 0 : (double) used / maxHeap;
    }
}
