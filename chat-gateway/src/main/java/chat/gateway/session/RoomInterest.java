package chat.gateway.session;

import java.util.concurrent.CompletionStage;

/** Told when a room gets its first local connection and when it loses its last one, so that its events are read. */
public interface RoomInterest {

    /**
     * A room now has local connections; the stage completes once its events are being read from
     * a position taken now, so that nothing published after the join is missed.
     */
    CompletionStage<Void> roomOpened(String room);

    /** A room has no local connection any more: its events need not be read. */
    void roomClosed(String room);
}
