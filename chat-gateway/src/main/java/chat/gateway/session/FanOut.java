package chat.gateway.session;

import io.quarkus.logging.Log;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Batches the writes of room frames per event loop: what is added between two {@link #flush}es
 * becomes one task per event loop, which writes every frame to that loop's connections and then
 * flushes each connection once. Writes are added under the room's lock and flushed under this
 * one, so each loop receives them in the order the rooms produced them.
 */
public final class FanOut {

    /** One frame for some connections of one event loop. */
    interface LoopWrite {

        /** Writes the frame (no flush); connections written to are added to {@code touched}. */
        void write(List<ChatSession> touched);

        /** Drops this write's reference to its frame. */
        void release();
    }

    private Map<Executor, List<LoopWrite>> pending = new HashMap<>();

    /** Queues a write for the next flush. */
    synchronized void add(Executor loop, LoopWrite write) {
        pending.computeIfAbsent(loop, l -> new ArrayList<>()).add(write);
    }

    /** Hands what was queued to the event loops, one task per loop. */
    public synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<Executor, List<LoopWrite>> batch = pending;
        pending = new HashMap<>();
        for (Map.Entry<Executor, List<LoopWrite>> perLoop : batch.entrySet()) {
            List<LoopWrite> writes = perLoop.getValue();
            try {
                perLoop.getKey().execute(() -> run(writes));
            } catch (RejectedExecutionException e) {
                Log.debugf("event loop stopped, %d frames not written", writes.size());
                writes.forEach(LoopWrite::release);
            }
        }
    }

    private static void run(List<LoopWrite> writes) {
        List<ChatSession> touched = new ArrayList<>();
        for (LoopWrite write : writes) {
            try {
                write.write(touched);
            } catch (RuntimeException e) {
                Log.errorf(e, "writing a room frame failed");
            } finally {
                write.release();
            }
        }
        for (ChatSession session : touched) {
            session.flush();
        }
    }
}
