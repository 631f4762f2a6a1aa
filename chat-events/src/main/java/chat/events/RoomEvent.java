package chat.events;

import java.util.List;

/**
 * An entry of the fan-out stream: a frame that gateways write to their connections.
 *
 * <p>The producer encodes the client frame once ({@code frame}); a gateway only picks the
 * connections and writes the same string to each of them.
 *
 * @param type          the frame's type ({@code chat_message}, {@code ack}, {@code user_list},
 *                      {@code typing}, {@code message_read}, {@code error})
 * @param room          the room the frame belongs to
 * @param seq           the message's per-room sequence number for {@code chat_message}, else 0
 * @param frame         the client frame, JSON, written as is
 * @param target        when not null, the only connection that gets the frame
 * @param excludeUserId when not 0, connections of this user do not get the frame (typing)
 * @param traceparent   the W3C trace context of the work that produced it, or null
 * @param ack           on a {@code chat_message}: the sender's connection to acknowledge, or null
 * @param targets       when not empty, the only connections (of any gateways) that get the frame: one
 *                      entry for a run of connections that all need the same frame (the joiners of a
 *                      room); never null, and empty whenever {@code target} is set
 */
public record RoomEvent(String type, String room, long seq, String frame, Origin target, long excludeUserId,
        String traceparent, Ack ack, List<Origin> targets) {

    public RoomEvent {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    /**
     * The {@code ack} a {@code chat_message} event carries for its sender (one entry instead of two
     * per message): the gateway holding {@code to} writes {@link #frame} to that connection after
     * the message itself. Not part of the frame the room gets.
     *
     * @param to        the sender's connection and the frame answered
     * @param clientId  the sender's {@code client_id}, or null
     * @param messageId the stored message's id
     */
    public record Ack(Origin to, String clientId, long messageId) {

        /** The {@code ack} frame for the message stored with this seq. */
        public String frame(long seq) {
            return AckFrame.of(clientId, messageId, seq).encode();
        }
    }

    public RoomEvent(String type, String room, long seq, String frame, Origin target, long excludeUserId,
            String traceparent, Ack ack) {
        this(type, room, seq, frame, target, excludeUserId, traceparent, ack, List.of());
    }

    public RoomEvent(String type, String room, long seq, String frame, Origin target, long excludeUserId,
            String traceparent) {
        this(type, room, seq, frame, target, excludeUserId, traceparent, null);
    }

    public RoomEvent(String type, String room, long seq, String frame, Origin target, long excludeUserId) {
        this(type, room, seq, frame, target, excludeUserId, null, null);
    }

    /** Whether only some connections get the frame ({@link #recipients}), not the room. */
    public boolean targeted() {
        return target != null || !targets.isEmpty();
    }

    /** The connections a targeted event goes to (empty for a room event). */
    public List<Origin> recipients() {
        return target != null ? List.of(target) : targets;
    }

    /** The same event carrying a trace context (null: none). */
    public RoomEvent withTraceparent(String traceparent) {
        return new RoomEvent(type, room, seq, frame, target, excludeUserId, traceparent, ack, targets);
    }

    /** The same event also acknowledging its sender's frame (null: no one to acknowledge). */
    public RoomEvent withAck(Ack ack) {
        return new RoomEvent(type, room, seq, frame, target, excludeUserId, traceparent, ack, targets);
    }

    public static final String CHAT_MESSAGE = "chat_message";
    public static final String ACK = "ack";
    public static final String USER_LIST = "user_list";
    public static final String TYPING = "typing";
    public static final String MESSAGE_READ = "message_read";
    public static final String ERROR = "error";

    /** A frame for every connection in the room. */
    public static RoomEvent toRoom(String type, String room, long seq, String frame) {
        return new RoomEvent(type, room, seq, frame, null, 0);
    }

    /** A frame for one connection only. */
    public static RoomEvent toConnection(String type, String room, String frame, Origin target) {
        return new RoomEvent(type, room, 0, frame, target, 0);
    }

    /**
     * One frame for several connections (of any gateways), in one entry: each gateway writes it to
     * those of its own connections that are still open. A single connection is a plain
     * {@link #toConnection} entry. Frames that answer a client frame ({@link Origin#frameRef}) go
     * one per entry, so that each is matched to the frame waiting for it.
     */
    public static RoomEvent toConnections(String type, String room, String frame, List<Origin> targets) {
        if (targets.size() == 1) {
            return toConnection(type, room, frame, targets.get(0));
        }
        if (targets.isEmpty() || targets.stream().anyMatch(t -> t.frameRef() != null)) {
            throw new IllegalArgumentException("several targets, none of them answering a frame, are needed");
        }
        return new RoomEvent(type, room, 0, frame, null, 0, null, null, targets);
    }

    /** A frame for everyone in the room except one user's connections. */
    public static RoomEvent toRoomExcept(String type, String room, String frame, long excludeUserId) {
        return new RoomEvent(type, room, 0, frame, null, excludeUserId);
    }
}
