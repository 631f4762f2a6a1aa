package chat.gateway.session;

import chat.gateway.client.StoredMessage;
import chat.gateway.client.ChatUser;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import java.util.ArrayList;
import chat.gateway.limits.InFlightLimit;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One WebSocket connection in one room: who it is, and the highest message seq written to
 * it, so that every message reaches it once and in order, live or through {@code resume}.
 */
public final class ChatSession {

    /** Live messages held while a resume replays history; past it they are dropped and read from history instead. */
    static final int MAX_HELD_DURING_RESUME = 2_000;

    private final WebSocketConnection connection;
    private final ChatUser user;
    private final String room;
    private final RateLimiter limiter;
    private final FrameSink sink;
    private volatile boolean droppedAsSlow;
    private boolean flushPending; // touched by the connection's event loop only
    private long lastSeq;
    private List<StoredMessage> heldDuringResume;
    private boolean heldOverflowed;
    /** When the connection's token expires (epoch ms); the expiry sweep closes it then. */
    private volatile long expiresAtMillis = Long.MAX_VALUE;
    /** Frames waiting for their ack or error, by frame ref (a count: the same client_id may be in flight twice). */
    private Map<String, ArrayDeque<InFlightLimit.Permit>> awaitingAnswer;

    /**
     * @param sink where room frames are written; once it is no longer {@link FrameSink#writable} (the
     *             reader stalled) the connection is closed rather than buffered without bound
     */
    public ChatSession(WebSocketConnection connection, ChatUser user, String room, RateLimiter limiter,
            FrameSink sink) {
        this.connection = connection;
        this.user = user;
        this.room = room;
        this.limiter = limiter;
        this.sink = sink;
        this.lastSeq = -1; // its room writes it only messages stored after it joined
    }

    public String id() {
        return connection.id();
    }

    public ChatUser user() {
        return user;
    }

    public String room() {
        return room;
    }

    public RateLimiter limiter() {
        return limiter;
    }

    /** The event loop that writes this connection's room frames. */
    public Executor loop() {
        return sink.loop();
    }

    /**
     * On the connection's event loop: writes a room message (not flushed) unless this connection
     * already has it; holds it while a resume runs.
     */
    synchronized void deliver(long seq, SharedFrame frame, List<ChatSession> touched) {
        if (heldDuringResume != null) {
            if (seq > lastSeq && !heldOverflowed) {
                heldDuringResume.add(new StoredMessage(seq, frame.json()));
                if (heldDuringResume.size() > MAX_HELD_DURING_RESUME) {
                    // history has them all (a message is stored before it is fanned out): the resume pages on
                    heldDuringResume.clear();
                    heldOverflowed = true;
                }
            }
            return;
        }
        if (seq <= lastSeq) {
            return;
        }
        lastSeq = seq;
        write(frame, touched);
    }

    /** On the connection's event loop: writes a shared frame, flushed with the rest of its batch. */
    void write(SharedFrame frame, List<ChatSession> touched) {
        if (droppedAsSlow || !connection.isOpen()) {
            return;
        }
        if (!sink.writable()) {
            dropAsSlow();
            return;
        }
        sink.write(frame);
        if (!flushPending) {
            flushPending = true;
            touched.add(this);
        }
    }

    /** On the connection's event loop: sends what this batch wrote. */
    void flush() {
        flushPending = false;
        sink.flush();
    }

    /**
     * Starts a resume: live messages are held until {@link #finishResume} hands over to them.
     * One at a time: false (and nothing changes) while another resume of this connection runs,
     * since two would write the same history twice. A resume from behind what this connection
     * already received writes only what it has not.
     */
    public synchronized boolean beginResume(long afterSeq) {
        if (heldDuringResume != null) {
            return false;
        }
        heldDuringResume = new ArrayList<>();
        heldOverflowed = false;
        lastSeq = Math.max(lastSeq, afterSeq); // what this connection already got is never written again
        return true;
    }

    /**
     * Writes one page of history (what this connection does not have yet, in order).
     *
     * @return completes once the page's last frame reached the socket, so that the next page
     *         is fetched only when this one left the write queue
     */
    public synchronized CompletionStage<Void> writeHistory(List<StoredMessage> page) {
        CompletionStage<Void> written = CompletableFuture.completedFuture(null);
        if (!droppedAsSlow && !sink.writable()) {
            dropAsSlow(); // live messages filled its write queue meanwhile
        }
        for (StoredMessage m : page) {
            if (m.seq() > lastSeq && !droppedAsSlow && connection.isOpen()) {
                lastSeq = m.seq();
                written = connection.sendText(m.frame()).subscribeAsCompletionStage();
            }
        }
        if (heldDuringResume != null) {
            heldDuringResume.removeIf(m -> m.seq() <= lastSeq); // what history wrote need not be held
        }
        return written;
    }

    /**
     * Hands over from history to the live stream: writes the live messages held meanwhile, on
     * the connection's event loop (where live room frames are written too, so none overtakes them).
     *
     * @return false (still resuming) when more live messages arrived than could be held; they
     *         are in history, so the caller fetches on and calls this again
     */
    public boolean finishResume() {
        synchronized (this) {
            if (heldDuringResume == null) {
                return true;
            }
            if (heldOverflowed) {
                heldOverflowed = false;
                return false;
            }
        }
        onLoop(this::handOver);
        return true;
    }

    private synchronized void handOver() {
        List<StoredMessage> held = heldDuringResume == null ? List.of() : heldDuringResume;
        heldDuringResume = null;
        heldOverflowed = false;
        List<ChatSession> touched = new ArrayList<>(1);
        held.stream().sorted((a, b) -> Long.compare(a.seq(), b.seq())).forEach(m -> deliverEncoded(m, touched));
        if (!touched.isEmpty()) {
            flush();
        }
    }

    /** Runs on the connection's event loop: at once when called there (the usual case), else queued to it. */
    private void onLoop(Runnable task) {
        Executor loop = sink.loop();
        if (loop instanceof EventExecutor executor && !executor.inEventLoop()) {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                Log.debugf("connection %s: event loop stopped, resume hand-over dropped", connection.id());
            }
        } else {
            task.run();
        }
    }

    private void deliverEncoded(StoredMessage message, List<ChatSession> touched) {
        SharedFrame frame = SharedFrame.of(message.frame());
        try {
            deliver(message.seq(), frame, touched);
        } finally {
            frame.release();
        }
    }

    /** Abandons a resume that failed: live messages are written as usual from now on. */
    public void abortResume() {
        synchronized (this) {
            heldOverflowed = false;
        }
        finishResume();
    }

    /** Writes a frame that is not a room message (ack, user_list, typing, error, pong). */
    public void send(String frame) {
        if (droppedAsSlow || !connection.isOpen()) {
            return;
        }
        if (!sink.writable()) {
            dropAsSlow();
            return;
        }
        connection.sendText(frame).subscribe().with(ignored -> {
        }, failure -> Log.debugf("write to connection %s failed: %s", connection.id(), failure.getMessage()));
    }

    /**
     * Closes a connection whose reader stopped reading: its memory stays bounded, and the
     * client reconnects and sends {@code resume}, missing nothing.
     */
    public void dropAsSlow() {
        droppedAsSlow = true;
        Log.warnf("connection %s: user %d does not keep up with %s, closing it", connection.id(), user.userId(), room);
        sink.abort();
    }

    /** Sets when the connection's credentials expire (epoch ms). */
    public void expireAt(long epochMillis) {
        this.expiresAtMillis = epochMillis;
    }

    /** Whether the connection's credentials have expired by {@code nowMillis}. */
    public boolean expiredAt(long nowMillis) {
        return nowMillis >= expiresAtMillis;
    }

    /** Closes the connection because its credentials expired: 1008, the client reconnects with fresh ones. */
    public void closeExpired() {
        connection.close(new CloseReason(1008, "Authentication expired")).subscribe().with(ignored -> {
        }, failure -> Log.debugf("close of expired connection %s failed: %s", connection.id(), failure.getMessage()));
    }

    /** Whether the connection is still open (a queued resume of a closed one is skipped). */
    public boolean isOpen() {
        return !droppedAsSlow && connection.isOpen();
    }

    /** Whether this connection was closed for not keeping up (counted when it leaves). */
    public boolean droppedAsSlow() {
        return droppedAsSlow;
    }

    /** Marks one more frame with this ref as waiting for its answer, holding its in-flight permit. */
    synchronized void expectAnswer(String ref, InFlightLimit.Permit permit) {
        if (awaitingAnswer == null) {
            awaitingAnswer = new HashMap<>(4);
        }
        awaitingAnswer.computeIfAbsent(ref, r -> new ArrayDeque<>(1)).add(permit);
    }

    /**
     * The permit of a frame with this ref that was waiting for its answer (and no longer is), or
     * null when none was: the frame was answered already.
     */
    synchronized InFlightLimit.Permit takeAnswer(String ref) {
        if (awaitingAnswer == null) {
            return null;
        }
        ArrayDeque<InFlightLimit.Permit> waiting = awaitingAnswer.get(ref);
        if (waiting == null) {
            return null;
        }
        InFlightLimit.Permit permit = waiting.poll();
        if (waiting.isEmpty()) {
            awaitingAnswer.remove(ref);
        }
        return permit;
    }

    public synchronized long lastSeq() {
        return lastSeq;
    }
}
