package chat.gateway.session;

import chat.gateway.client.StoredMessage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A room as one gateway sees it: its local connections, and the seq of the last message
 * written to them. Messages are written strictly in seq order: one that arrives ahead of
 * a missing one waits, and if the gap does not close on its own the missing messages are
 * fetched from history ({@link GapFiller}). Each frame is encoded once and written to the
 * connections of each event loop by one task of that loop ({@link FanOut}).
 */
public final class LocalRoom {

    /** Most out-of-order messages held while waiting for a gap to close. */
    static final int MAX_HELD = 10_000;

    private final String name;
    private final Set<ChatSession> sessions = ConcurrentHashMap.newKeySet();
    /** The same connections, by the event loop that writes to them (a handful of loops: never removed). */
    private final Map<Executor, Set<ChatSession>> byLoop = new ConcurrentHashMap<>();
    private final FanOut fanOut;
    private final TreeMap<Long, String> waiting = new TreeMap<>();
    private final GapFiller gapFiller;
    private long deliveredSeq = -1; // unknown until the first message
    /** Completes once the room's events are being read ({@link RoomInterest#roomOpened}). */
    private volatile CompletionStage<Void> reading = CompletableFuture.completedFuture(null);
    private boolean gapFillScheduled;

    /** Fetches messages after a seq when a gap stays open. */
    public interface GapFiller {

        void schedule(LocalRoom room, long afterSeq, Consumer<List<StoredMessage>> onFetched);
    }

    LocalRoom(String name, GapFiller gapFiller, FanOut fanOut) {
        this.name = name;
        this.gapFiller = gapFiller;
        this.fanOut = fanOut;
    }

    public String name() {
        return name;
    }

    public Set<ChatSession> sessions() {
        return sessions;
    }

    CompletionStage<Void> reading() {
        return reading;
    }

    void reading(CompletionStage<Void> stage) {
        this.reading = stage;
    }

    void add(ChatSession session) {
        sessions.add(session);
        byLoop.computeIfAbsent(session.loop(), loop -> ConcurrentHashMap.newKeySet()).add(session);
    }

    boolean remove(ChatSession session) {
        Set<ChatSession> group = byLoop.get(session.loop());
        if (group != null) {
            group.remove(session);
        }
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
    public synchronized void broadcast(String frame, long excludedUserId) {
        fan(0, frame, excludedUserId);
    }

    private void write(long seq, String frame) {
        deliveredSeq = seq;
        fan(seq, frame, 0);
    }

    /** Queues one shared frame per event loop that has connections of this room (seq 0: not a message). */
    private void fan(long seq, String json, long excludedUserId) {
        SharedFrame frame = SharedFrame.of(json);
        try {
            for (Map.Entry<Executor, Set<ChatSession>> group : byLoop.entrySet()) {
                if (!group.getValue().isEmpty()) {
                    fanOut.add(group.getKey(), new RoomWrite(group.getValue(), seq, frame.retain(), excludedUserId));
                }
            }
        } finally {
            frame.release();
        }
    }

    /** A room frame for the connections of one event loop, written on that loop. */
    private record RoomWrite(Set<ChatSession> group, long seq, SharedFrame frame, long excludedUserId)
            implements
                FanOut.LoopWrite {

        @Override
        public void write(List<ChatSession> touched) {
            for (ChatSession session : group) {
                if (seq > 0) {
                    session.deliver(seq, frame, touched);
                } else if (excludedUserId == 0 || session.user().userId() != excludedUserId) {
                    session.write(frame, touched);
                }
            }
        }

        @Override
        public void release() {
            frame.release();
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
        fanOut.flush(); // not the event reader's thread: nobody else flushes these now
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
