package chat.gateway.session;

import chat.gateway.history.StoredMessage;
import chat.gateway.identity.ChatUser;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;

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
    private final BooleanSupplier keepsUp;
    private final Runnable abort;
    private volatile boolean droppedAsSlow;
    private long lastSeq;
    private List<StoredMessage> heldDuringResume;
    private boolean heldOverflowed;
    /** Frames waiting for their ack or error, by frame ref (a count: the same client_id may be in flight twice). */
    private Map<String, Integer> awaitingAnswer;

    /**
     * @param keepsUp false once too many bytes wait to be sent to this connection (its reader
     *                stalled); the connection is then closed rather than buffered without bound
     * @param abort   closes the connection's socket at once (a stalled peer would never read a close frame)
     */
    public ChatSession(WebSocketConnection connection, ChatUser user, String room, RateLimiter limiter,
                       BooleanSupplier keepsUp, Runnable abort) {
        this.connection = connection;
        this.user = user;
        this.room = room;
        this.limiter = limiter;
        this.keepsUp = keepsUp;
        this.abort = abort;
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

    /** Writes a room message unless this connection already has it; holds it while a resume runs. */
    public synchronized void deliver(long seq, String frame) {
        if (heldDuringResume != null) {
            if (seq > lastSeq && !heldOverflowed) {
                heldDuringResume.add(new StoredMessage(seq, frame));
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
        send(frame);
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
        if (!droppedAsSlow && !keepsUp.getAsBoolean()) {
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
     * Hands over from history to the live stream: writes the live messages held meanwhile.
     *
     * @return false (still resuming) when more live messages arrived than could be held; they
     *         are in history, so the caller fetches on and calls this again
     */
    public synchronized boolean finishResume() {
        if (heldDuringResume == null) {
            return true;
        }
        if (heldOverflowed) {
            heldOverflowed = false;
            return false;
        }
        List<StoredMessage> held = heldDuringResume;
        heldDuringResume = null;
        held.stream().sorted((a, b) -> Long.compare(a.seq(), b.seq())).forEach(m -> deliver(m.seq(), m.frame()));
        return true;
    }

    /** Abandons a resume that failed: live messages are written as usual from now on. */
    public synchronized void abortResume() {
        heldOverflowed = false;
        finishResume();
    }

    /** Writes a frame that is not a room message (ack, user_list, typing, error, pong). */
    public void send(String frame) {
        if (droppedAsSlow || !connection.isOpen()) {
            return;
        }
        if (!keepsUp.getAsBoolean()) {
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
        abort.run();
    }

    /** Whether the connection is still open (a queued resume of a closed one is skipped). */
    public boolean isOpen() {
        return !droppedAsSlow && connection.isOpen();
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

    /** Writes the answer to a frame unless that frame was already answered (it timed out meanwhile). */
    public void answer(String ref, String frame) {
        if (ref == null || takeAnswer(ref)) {
            send(frame);
        } else {
            Log.debugf("connection %s: late answer to %s dropped (already told unavailable)", connection.id(), ref);
        }
    }

    public synchronized long lastSeq() {
        return lastSeq;
    }
}
