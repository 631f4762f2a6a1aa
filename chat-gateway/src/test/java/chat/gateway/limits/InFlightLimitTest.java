package chat.gateway.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.gateway.config.GatewayConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-flight bound: refuses past it, frees on every outcome, shrinks on slow or missing answers, grows back. */
class InFlightLimitTest {

    @Test
    void refusesPastTheBoundAndFreesAPermitOnEveryOutcome() {
        InFlightLimit limit = new InFlightLimit(settings(true, 3, 1, 10, Duration.ofSeconds(10)));
        List<InFlightLimit.Permit> held = acquire(limit, 3);
        assertEquals(3, held.size());
        assertTrue(limit.tryAcquire().isEmpty(), "a fourth frame is past the bound");

        held.get(0).answered();
        held.get(1).notSent();
        held.get(2).timedOut();
        assertEquals(0, limit.inFlight());
        assertTrue(limit.tryAcquire().isPresent());
    }

    @Test
    void aMissingAnswerShrinksTheBoundAndFastAnswersGrowItBack() {
        InFlightLimit limit = new InFlightLimit(settings(true, 100, 10, 1000, Duration.ofSeconds(10)));
        for (InFlightLimit.Permit p : acquire(limit, 50)) {
            p.timedOut();
        }
        int shrunk = limit.limit();
        assertEquals(10, shrunk, "fifty timeouts in a row take the bound down to its floor");

        for (int round = 0; round < 20; round++) { // a full window of fast answers, over and over
            for (InFlightLimit.Permit p : acquire(limit, limit.limit())) {
                p.answered();
            }
        }
        assertTrue(limit.limit() > shrunk, "fast answers under a full window raise the bound: " + limit.limit());
    }

    @Test
    void answersSlowerThanTheTargetShrinkTheBound() {
        InFlightLimit limit = new InFlightLimit(settings(true, 100, 10, 1000, Duration.ofNanos(1)));
        for (InFlightLimit.Permit p : acquire(limit, 20)) {
            p.answered(); // every round trip is longer than 1 ns
        }
        assertTrue(limit.limit() < 100, "slow answers shrink the bound: " + limit.limit());
    }

    @Test
    void switchedOffItNeverRefuses() {
        InFlightLimit limit = new InFlightLimit(settings(false, 1, 1, 1, Duration.ofSeconds(1)));
        assertEquals(5, acquire(limit, 5).size());
        assertEquals(0, limit.limit());
    }

    private static List<InFlightLimit.Permit> acquire(InFlightLimit limit, int n) {
        List<InFlightLimit.Permit> permits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            limit.tryAcquire().ifPresent(permits::add);
        }
        return permits;
    }

    private static GatewayConfig.InFlight settings(boolean enabled, int initial, int min, int max, Duration target) {
        return new GatewayConfig.InFlight() {

            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public int initialLimit() {
                return initial;
            }

            @Override
            public int minLimit() {
                return min;
            }

            @Override
            public int maxLimit() {
                return max;
            }

            @Override
            public Duration answerTarget() {
                return target;
            }

            @Override
            public double backoffRatio() {
                return 0.5;
            }
        };
    }
}
