package chat.load.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The gateway's heap is the sum of its heap pools in the Prometheus text. */
class GatewayProbeTest {

    @Test
    void heapPoolsAreSummedAndNonHeapIgnored() {
        String metrics = """
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.2E7
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 3.0E7
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.9E7
                jvm_memory_used_bytes{area="heap",id="G1 Survivor Space"} 1000.0
                """;
        assertEquals(42_001_000L, GatewayProbe.parseHeapUsed(metrics));
        assertThrows(IllegalStateException.class, () -> GatewayProbe.parseHeapUsed("up 1\n"));
    }
}
