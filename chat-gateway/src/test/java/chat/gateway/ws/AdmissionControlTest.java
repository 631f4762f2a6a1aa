package chat.gateway.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Past the connection or heap bound new upgrades are refused, and admitted again once below it. */
class AdmissionControlTest {

    private final AtomicInteger open = new AtomicInteger();
    private double heap = 0.1;
    private final AdmissionControl admission = new AdmissionControl(open::get, () -> heap, 3, 0.8);

    @Test
    void refusesPastTheConnectionBoundAndRecoversWhenClientsLeave() {
        open.set(2);
        assertEquals(Optional.empty(), admission.refusal());
        open.set(3);
        assertEquals(Optional.of(AdmissionControl.Refusal.CONNECTIONS), admission.refusal());
        open.set(2);
        assertEquals(Optional.empty(), admission.refusal(), "a client left: admitted again");
    }

    @Test
    void refusesWhileTheLiveHeapIsPastItsBound() {
        heap = 0.85;
        assertEquals(Optional.of(AdmissionControl.Refusal.HEAP), admission.refusal());
        heap = 0.5;
        assertEquals(Optional.empty(), admission.refusal(), "a collection freed the memory: admitted again");
    }

    @Test
    void readsThisJvmsHeapAfterCollection() {
        AdmissionControl real = new AdmissionControl(open::get, null, 3, 0.8);
        System.gc(); // makes sure every pool has an after-collection figure
        double share = real.liveHeapShare();
        assertTrue(share > 0 && share < 1, "live heap share " + share);
    }
}
