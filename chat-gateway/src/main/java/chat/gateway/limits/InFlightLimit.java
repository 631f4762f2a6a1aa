package chat.gateway.limits;

import chat.gateway.config.GatewayConfig;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's load shedding: an adaptive bound on the message frames waiting for their
 * answers (see {@link GatewayConfig.InFlight}). Each admitted frame holds a permit until its
 * answer arrives ({@link Permit#answered}), its wait runs out ({@link Permit#timedOut}) or it
 * never reached a stream ({@link Permit#notSent}).
 *
 * <p>Without it an overloaded system queues every frame: the queue grows past the answer
 * timeout, and then every sender hears {@code unavailable} although the messages are still
 * stored later, which is the worst of both. With it the queue stays as long as the system can
 * answer within the target, and the rest are refused at once, cheaply.
 */
@ApplicationScoped
public class InFlightLimit {

    /** A frame's hold on the bound; exactly one of its methods is called, once. */
    public interface Permit {

        /** The frame was answered (ack or error): its round trip teaches the bound. */
        void answered();

        /** No answer within the wait: the system is behind. */
        void timedOut();

        /** The frame never reached a stream, or its sender left: says nothing about the load. */
        void notSent();
    }

    private static final Permit UNLIMITED = new Permit() {

        @Override
        public void answered() {
        }

        @Override
        public void timedOut() {
        }

        @Override
        public void notSent() {
        }
    };

    private final SimpleLimiter<Void> limiter;

    @Inject
    public InFlightLimit(GatewayConfig config) {
        this(config.gateway().inFlight());
    }

    InFlightLimit(GatewayConfig.InFlight c) {
        this.limiter = c.enabled()
                ? SimpleLimiter.newBuilder()
                        .named("gateway-message-frames")
                        .limit(AIMDLimit.newBuilder()
                                .initialLimit(c.initialLimit())
                                .minLimit(c.minLimit())
                                .maxLimit(c.maxLimit())
                                .backoffRatio(c.backoffRatio())
                                .timeout(c.answerTarget().toNanos(), TimeUnit.NANOSECONDS)
                                .build())
                        .build()
                : null;
    }

    /** A permit for one more frame, or empty when the bound is reached and the frame must be refused. */
    public Optional<Permit> tryAcquire() {
        if (limiter == null) {
            return Optional.of(UNLIMITED);
        }
        return limiter.acquire(null).map(InFlightLimit::permit);
    }

    /** The bound now (0 while disabled). */
    public int limit() {
        return limiter == null ? 0 : limiter.getLimit();
    }

    /** Frames holding a permit now. */
    public int inFlight() {
        return limiter == null ? 0 : limiter.getInflight();
    }

    private static Permit permit(Limiter.Listener listener) {
        return new Permit() {

            @Override
            public void answered() {
                listener.onSuccess();
            }

            @Override
            public void timedOut() {
                listener.onDropped();
            }

            @Override
            public void notSent() {
                listener.onIgnore();
            }
        };
    }
}
