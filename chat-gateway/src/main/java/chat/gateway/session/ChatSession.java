package chat.gateway.session;

import chat.gateway.client.StoredMessage;
import chat.gateway.client.ChatUser;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One WebSocket connection in one room: who it is, and the highest message seq written to
 * it, so that every message reaches it once and in order, live or through {@code resume}.
 */
public final class ChatSession {

    private final WebSocketConnection connection;
    private final ChatUser user;
    private final String room;
    private final RateLimiter limiter;
    private final FrameSink sink;
    private volatile boolean droppedAsSlow;
    private boolean flushPending; // touched by the connection's event loop only
    private long lastSeq;
    private List<StoredMessage> heldDuringResume;
    /** Frames waiting for their ack or error, by frame ref (a count: the same client_id may be in flight twice). */
    private Map<String, Integer> awaitingAnswer;

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
            heldDuringResume.add(new StoredMessage(seq, frame.json()));
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
     * Starts a resume: live messages are held until {@link #finishResume} wrote the history.
     * One at a time: false (and nothing changes) while another resume of this connection runs,
     * since two would write the same history twice. A resume from behind what this connection
     * already received writes only what it has not.
     */
    public synchronized boolean beginResume(long afterSeq) {
        if (heldDuringResume != null) {
            return false;
        }
        heldDuringResume = new ArrayList<>();
        lastSeq = Math.max(lastSeq, afterSeq); // what this connection already got is never written again
        return true;
    }

    /**
     * Writes the fetched history, then what arrived live meanwhile, each message once and in order.
     * It runs on the connection's event loop, where live room frames are written too, so that none
     * of them can overtake the history.
     */
    public void finishResume(List<StoredMessage> history) {
        try {
            sink.loop().execute(() -> replay(history));
        } catch (RejectedExecutionException e) {
            Log.debugf("connection %s: event loop stopped, resume dropped", connection.id());
        }
    }

    private synchronized void replay(List<StoredMessage> history) {
        List<StoredMessage> held = heldDuringResume == null ? List.of() : heldDuringResume;
        heldDuringResume = null;
        List<ChatSession> touched = new ArrayList<>(1);
        for (StoredMessage m : history) {
            deliverEncoded(m, touched);
        }
        held.stream().sorted((a, b) -> Long.compare(a.seq(), b.seq())).forEach(m -> deliverEncoded(m, touched));
        if (!touched.isEmpty()) {
            flush();
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

    /** Abandons a resume that failed: held live messages are written as usual. */
    public void abortResume() {
        finishResume(List.of());
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
    private void dropAsSlow() {
        droppedAsSlow = true;
        Log.warnf("connection %s: user %d does not keep up with %s, closing it", connection.id(), user.userId(), room);
        sink.abort();
    }

    /** Whether this connection was closed for not keeping up (counted when it leaves). */
    public boolean droppedAsSlow() {
        return droppedAsSlow;
    }

    /** Marks one more frame with this ref as waiting for its answer. */
    synchronized void expectAnswer(String ref) {
        if (awaitingAnswer == null) {
            awaitingAnswer = new HashMap<>(4);
        }
        awaitingAnswer.merge(ref, 1, Integer::sum);
    }

    /** True (and no longer waiting) when a frame with this ref was waiting for an answer. */
    synchronized boolean takeAnswer(String ref) {
        if (awaitingAnswer == null) {
            return false;
        }
        Integer waiting = awaitingAnswer.get(ref);
        if (waiting == null) {
            return false;
        }
        if (waiting == 1) {
            awaitingAnswer.remove(ref);
        } else {
            awaitingAnswer.put(ref, waiting - 1);
        }
        return true;
    }

    public synchronized long lastSeq() {
        return lastSeq;
    }
}
