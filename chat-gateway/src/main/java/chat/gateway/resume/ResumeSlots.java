package chat.gateway.resume;

import chat.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * How many resumes replay at once on this gateway: at most {@code chat.gateway.resume.max-concurrent};
 * more wait in a FIFO queue of at most {@code max-queued}, and past that a resume is refused.
 */
@ApplicationScoped
public class ResumeSlots {

    private final int maxActive;
    private final int maxQueued;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int active;
    private int peakActive;

    public ResumeSlots(GatewayConfig config) {
        this.maxActive = Math.max(1, config.gateway().resume().maxConcurrent());
        this.maxQueued = Math.max(0, config.gateway().resume().maxQueued());
    }

    /**
     * Runs the replay now when a slot is free, or later when one frees up.
     *
     * @return false (nothing runs) when the queue is full
     */
    public boolean submit(Runnable replay) {
        synchronized (this) {
            if (active >= maxActive) {
                if (waiting.size() >= maxQueued) {
                    return false;
                }
                waiting.add(replay);
                return true;
            }
            active++;
            peakActive = Math.max(peakActive, active);
        }
        replay.run();
        return true;
    }

    /** A replay ended: its slot goes to the next waiting one. */
    public void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                active--;
                return;
            }
        }
        next.run(); // the slot passes on: active stays
    }

    public synchronized int active() {
        return active;
    }

    public synchronized int queued() {
        return waiting.size();
    }

    /** The most replays that ran at once since the gateway started. */
    public synchronized int peakActive() {
        return peakActive;
    }
}
