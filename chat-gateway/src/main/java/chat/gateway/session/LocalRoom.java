package chat.gateway.session;

import chat.gateway.client.StoredMessage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A room as one gateway sees it: its local connections, and the seq of the last message
 * written to them. Messages are written strictly in seq order: one that arrives ahead of
 * a missing one waits, and if the gap does not close on its own the missing messages are
 * fetched from history ({@link GapFiller}).
 */
public final class LocalRoom {

    /** Most out-of-order messages held while waiting for a gap to close. */
    static final int MAX_HELD = 10_000;

    private final String name;
    private final Set<ChatSession> sessions = ConcurrentHashMap.newKeySet();
    private final TreeMap<Long, String> waiting = new TreeMap<>();
    private final GapFiller gapFiller;
    private long deliveredSeq = -1; // unknown until the first message
    private boolean gapFillScheduled;

    /** Fetches messages after a seq when a gap stays open. */
    public interface GapFiller {
        void schedule(LocalRoom room, long afterSeq, Consumer<List<StoredMessage>> onFetched);
    }

    LocalRoom(String name, GapFiller gapFiller) {
        this.name = name;
        this.gapFiller = gapFiller;
    }

    public String name() {
        return name;
    }

    public Set<ChatSession> sessions() {
        return sessions;
    }

    void add(ChatSession session) {
        sessions.add(session);
    }

    boolean remove(ChatSession session) {
        sessions.remove(session);
        return sessions.isEmpty();
    }

    /** A stored message from the event stream (or from a gap fill). */
    public synchronized void onMessage(long seq, String frame) {
        if (deliveredSeq < 0) {
            deliveredSeq = seq - 1; // first message this gateway sees for the room
        }
        if (seq <= deliveredSeq) {
            return; // duplicate
        }
        if (seq > deliveredSeq + 1) {
            waiting.putIfAbsent(seq, frame);
            if (waiting.size() > MAX_HELD) {
                skipGap();
            } else {
                scheduleGapFill();
            }
            return;
        }
        write(seq, frame);
        drainWaiting();
    }

    /** Frames without a seq (user_list, typing): to every local connection, or all but one user's. */
    public void broadcast(String frame, long excludedUserId) {
        for (ChatSession session : sessions) {
            if (excludedUserId == 0 || session.user().userId() != excludedUserId) {
                session.send(frame);
            }
        }
    }

    private void write(long seq, String frame) {
        deliveredSeq = seq;
        for (ChatSession session : sessions) {
            session.deliver(seq, frame);
        }
    }

    private void drainWaiting() {
        while (!waiting.isEmpty() && waiting.firstKey() <= deliveredSeq + 1) {
            Map.Entry<Long, String> next = waiting.pollFirstEntry();
            if (next.getKey() == deliveredSeq + 1) {
                write(next.getKey(), next.getValue());
            }
        }
    }

    private void scheduleGapFill() {
        if (gapFillScheduled) {
            return;
        }
        gapFillScheduled = true;
        gapFiller.schedule(this, deliveredSeq, this::onGapFilled);
    }

    private synchronized void onGapFilled(List<StoredMessage> fetched) {
        gapFillScheduled = false;
        if (fetched == null) {
            if (!waiting.isEmpty()) {
                scheduleGapFill(); // fetch failed or gap closed meanwhile: check again later
            }
            return;
        }
        for (StoredMessage m : fetched) {
            if (m.seq() > deliveredSeq) {
                waiting.putIfAbsent(m.seq(), m.frame());
            }
        }
        drainWaiting();
        if (!waiting.isEmpty()) {
            if (fetched.isEmpty()) {
                skipGap(); // history has nothing there: never wait forever
            } else {
                scheduleGapFill();
            }
        }
    }

    /** Gives up on a gap that history cannot fill: writes what is held, in order. */
    private void skipGap() {
        while (!waiting.isEmpty()) {
            Map.Entry<Long, String> next = waiting.pollFirstEntry();
            if (next.getKey() > deliveredSeq) {
                write(next.getKey(), next.getValue());
            }
        }
    }

    /** Whether the gap filler is still waiting on a gap that closed (used to cancel). */
    public synchronized boolean hasGap() {
        return !waiting.isEmpty();
    }
}
