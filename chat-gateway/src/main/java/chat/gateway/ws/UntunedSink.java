package chat.gateway.ws;

import chat.gateway.session.FrameSink;
import chat.gateway.session.SharedFrame;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;
import java.util.concurrent.Executor;

/**
 * Room frames of a connection whose socket could not be tuned ({@link SocketTuning}): each one is
 * written through websockets-next, encoded again per connection. Slow, but correct; readiness and
 * {@code chat_socket_tuning_failed_total} report that this is happening.
 */
record UntunedSink(WebSocketConnection connection) implements FrameSink {

    @Override
    public Executor loop() {
        return Runnable::run; // websockets-next hands the write to the connection's own thread
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public void write(SharedFrame frame) {
        connection.sendText(frame.json()).subscribe().with(ignored -> {
        }, failure -> Log.debugf("write to connection %s failed: %s", connection.id(), failure.getMessage()));
    }

    @Override
    public void flush() {
        // websockets-next flushes each frame
    }

    @Override
    public void abort() {
        connection.close().subscribe().with(ok -> {
        }, e -> {
        });
    }
}
