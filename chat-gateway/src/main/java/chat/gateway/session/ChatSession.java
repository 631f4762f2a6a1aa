package chat.gateway.session;

import chat.gateway.client.StoredMessage;
import chat.gateway.client.ChatUser;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One WebSocket connection in one room: who it is, and the highest message seq written to
 * it, so that every message reaches it once and in order, live or through {@code resume}.
 */
public final class ChatSession {

    private final WebSocketConnection connection;
    private final ChatUser user;
    private final String room;
    private final RateLimiter limiter;
    private final BooleanSupplier keepsUp;
    private final Runnable abort;
    private volatile boolean droppedAsSlow;
    private long lastSeq;
    private List<StoredMessage> heldDuringResume;
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
            heldDuringResume.add(new StoredMessage(seq, frame));
            return;
        }
        if (seq <= lastSeq) {
            return;
        }
        lastSeq = seq;
        send(frame);
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

    /** Writes the fetched history, then what arrived live meanwhile, each message once and in order. */
    public synchronized void finishResume(List<StoredMessage> history) {
        List<StoredMessage> held = heldDuringResume == null ? List.of() : heldDuringResume;
        heldDuringResume = null;
        for (StoredMessage m : history) {
            deliver(m.seq(), m.frame());
        }
        held.stream().sorted((a, b) -> Long.compare(a.seq(), b.seq())).forEach(m -> deliver(m.seq(), m.frame()));
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
    private void dropAsSlow() {
        droppedAsSlow = true;
        Log.warnf("connection %s: user %d does not keep up with %s, closing it", connection.id(), user.userId(), room);
        abort.run();
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
