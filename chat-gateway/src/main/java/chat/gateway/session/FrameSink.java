package chat.gateway.session;

import java.util.concurrent.Executor;

/**
 * Where a connection's room frames go: its socket, written from the connection's own event loop,
 * flushed once per batch rather than once per frame.
 */
public interface FrameSink {

    /** The thread that owns the connection's socket; room frames are written from there only. */
    Executor loop();

    /** False once too many bytes wait to be sent (the reader stalled). */
    boolean writable();

    /** Queues the shared frame's bytes (a retained duplicate) without flushing. */
    void write(SharedFrame frame);

    /** Sends what {@link #write} queued. */
    void flush();

    /** Closes the socket at once, dropping what waits to be sent. */
    void abort();
}
