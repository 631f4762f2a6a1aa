package chat.events.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group commit: merged calls under concurrency, order per partition, a failing batch fails alone. */
class GroupCommitTest {

    private final ExecutorService partitions = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        partitions.shutdownNow();
    }

    private static StreamEntry entry(int partition, int n) {
        return new StreamEntry(partition + "-" + n, Map.of("p", Integer.toString(partition), "n", Integer.toString(n)));
    }

    /** Records every call; slow enough that concurrent partitions queue up behind a running group. */
    private static class RecordingHandler implements BatchHandler {

        final List<List<StreamEntry>> calls = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Boolean> poison = new ConcurrentHashMap<>();

        @Override
        public void handle(List<StreamEntry> entries) throws Exception {
            calls.add(List.copyOf(entries));
            Thread.sleep(5);
            for (StreamEntry e : entries) {
                if (poison.containsKey(e.id())) {
                    throw new IllegalArgumentException("poison " + e.id());
                }
            }
        }
    }

    @Test
    void concurrentPartitionsAreMergedAndKeepTheirOrder() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        GroupCommit group = new GroupCommit(handler, 1000, 1);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> runs = new ArrayList<>();
        for (int p = 0; p < 8; p++) {
            int partition = p;
            runs.add(partitions.submit(() -> {
                start.await();
                for (int n = 0; n < 20; n++) {
                    group.handle(List.of(entry(partition, 2 * n), entry(partition, 2 * n + 1)));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> run : runs) {
            run.get(30, TimeUnit.SECONDS);
        }
        int handled = handler.calls.stream().mapToInt(List::size).sum();
        assertEquals(8 * 40, handled, "every entry handled exactly once");
        assertTrue(handler.calls.size() < 8 * 20, "some batches were merged: " + handler.calls.size() + " calls");
        int[] next = new int[8];
        for (List<StreamEntry> call : handler.calls) { // calls ran one at a time (parallelism 1), in this order
            for (StreamEntry e : call) {
                int p = Integer.parseInt(e.fields().get("p"));
                assertEquals(next[p]++, Integer.parseInt(e.fields().get("n")), "partition " + p + " in order");
            }
        }
    }

    @Test
    void aFailingBatchFailsAloneAndTheOthersSucceed() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        handler.poison.put("3-1", true);
        GroupCommit group = new GroupCommit(handler, 1000, 1);
        CountDownLatch start = new CountDownLatch(1);
        Map<Integer, Future<?>> runs = new ConcurrentHashMap<>();
        for (int p = 0; p < 6; p++) {
            int partition = p;
            runs.put(p, partitions.submit(() -> {
                start.await();
                group.handle(List.of(entry(partition, 0), entry(partition, 1)));
                return null;
            }));
        }
        start.countDown();
        for (int p = 0; p < 6; p++) {
            if (p == 3) {
                Exception failure = assertThrows(Exception.class, () -> runs.get(3).get(30, TimeUnit.SECONDS));
                assertTrue(failure.getCause().getMessage().contains("poison 3-1"), failure.getCause().getMessage());
            } else {
                runs.get(p).get(30, TimeUnit.SECONDS);
            }
        }
        BatchHandler direct = new GroupCommit(handler, 1000, 2);
        assertThrows(IllegalArgumentException.class, () -> direct.handle(List.of(entry(3, 1))),
                "alone, the failure reaches the caller unwrapped, so its consumer classifies it as before");
    }

    @Test
    void batchesOfAFailedGroupAreHandledAgainAsRedelivered() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingHandler handler = new RecordingHandler() {

            @Override
            public void handle(List<StreamEntry> entries) throws Exception {
                if (entries.get(0).id().startsWith("9-")) { // the first group holds the lead until the others queued
                    holding.countDown();
                    release.await();
                }
                super.handle(entries);
            }
        };
        handler.poison.put("0-1", true);
        GroupCommit group = new GroupCommit(handler, 1000, 1);
        Future<?> first = partitions.submit(() -> {
            group.handle(List.of(entry(9, 0)));
            return null;
        });
        holding.await(10, TimeUnit.SECONDS);
        List<Future<?>> runs = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            int partition = p;
            runs.add(partitions.submit(() -> {
                group.handle(List.of(entry(partition, 0), entry(partition, 1)));
                return null;
            }));
        }
        Thread.sleep(300); // the four batches queue behind the held group
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (int p = 0; p < 4; p++) {
            if (p == 0) {
                assertThrows(Exception.class, runs.get(0)::get);
            } else {
                runs.get(p).get(10, TimeUnit.SECONDS);
            }
        }
        assertTrue(handler.calls.stream().anyMatch(c -> c.size() == 8), "the four queued batches went as one group");
        List<List<StreamEntry>> alone = handler.calls.stream().filter(c -> c.size() == 2).toList();
        assertEquals(4, alone.size(), "after the group failed, each batch was handled alone");
        assertTrue(alone.stream().allMatch(c -> c.get(0).redelivered() && c.get(1).redelivered()),
                "batches handled again after a failed group are redelivered (the group may have committed)");
    }

    @Test
    void aTransientFailureReachesEveryBatchOfTheGroup() {
        BatchHandler down = entries -> {
            throw new java.io.IOException("connection refused");
        };
        GroupCommit group = new GroupCommit(down, 1000, 1);
        assertThrows(java.io.IOException.class, () -> group.handle(List.of(entry(1, 0))));
    }
}
