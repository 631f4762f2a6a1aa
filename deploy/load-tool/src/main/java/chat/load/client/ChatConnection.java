package chat.load.client;

import chat.load.stats.Member;
import chat.load.stats.ReceiverBook;
import chat.load.stats.SenderBook;
import io.vertx.core.Context;
import io.vertx.core.http.WebSocket;

/**
 * One client connection of a run: its place in the topology (global index, room), the socket
 * once open, when it opened and closed, and its send/receive books. All of its callbacks run
 * on its own event loop ({@link #context}).
 */
public final class ChatConnection implements Member {

    final int index;
    final int room;
    final Context context;
    private final ReceiverBook received = new ReceiverBook();
    private final SenderBook sender;
    volatile WebSocket socket;
    volatile long openedAtNanos;
    volatile long closedAtNanos;
    volatile boolean closing;

    ChatConnection(int index, int room, Context context, SenderBook sender) {
        this.index = index;
        this.room = room;
        this.context = context;
        this.sender = sender;
    }

    public int index() {
        return index;
    }

    @Override
    public int room() {
        return room;
    }

    public Context context() {
        return context;
    }

    /** The sender's book, or null for a connection that only receives. */
    public SenderBook sender() {
        return sender;
    }

    @Override
    public ReceiverBook received() {
        return received;
    }

    public boolean isOpen() {
        return socket != null && closedAtNanos == 0;
    }

    @Override
    public boolean openThroughout(long fromNanos, long toNanos) {
        return openedAtNanos != 0 && openedAtNanos <= fromNanos && (closedAtNanos == 0 || closedAtNanos >= toNanos);
    }

    /** Writes a text frame; false when the connection is not open (the caller counts the failure). */
    public boolean send(String frame) {
        WebSocket ws = socket;
        if (ws == null || closedAtNanos != 0) {
            return false;
        }
        ws.writeTextMessage(frame);
        return true;
    }

    void close() {
        closing = true;
        WebSocket ws = socket;
        if (ws != null && closedAtNanos == 0) {
            ws.close((short) 1000);
        }
    }
}
