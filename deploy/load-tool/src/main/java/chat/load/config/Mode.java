package chat.load.config;

import java.util.Locale;

/** The workload a run drives. */
public enum Mode {

    /** R rooms x C clients, S senders per room at a rate: deliveries per second from one send. */
    FANOUT,
    /** R rooms x C clients, every client sending at a rate: messages stored per second. */
    INGEST,
    /** N connections opened as fast as allowed, held idle, then closed: connect rate and heap per connection. */
    CONNECT;

    public static Mode parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown mode '" + text + "': fanout, ingest or connect");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
