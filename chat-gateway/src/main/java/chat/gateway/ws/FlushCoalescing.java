package chat.gateway.ws;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Lets a socket's writes share flushes: every frame written within one event-loop turn
 * goes out in one system call instead of one each (Netty's FlushConsolidationHandler).
 * Fan-out writes many small frames to each connection, and per-frame flushing is what
 * limits deliveries per second.
 *
 * <p>websockets-next has no public write-without-flush, so the handler is put into the
 * connection's Netty pipeline during the upgrade (through Vert.x's connection class).
 */
final class FlushCoalescing {

    private static final String NAME = "chat-flush-coalescing";
    /** Flush at least after this many writes, even while the batch goes on. */
    private static final int FLUSH_AFTER_WRITES = 256;

    private FlushCoalescing() {
    }

    static void install(HttpServerRequest request) {
        if (request.connection() instanceof ConnectionBase connection) {
            ChannelPipeline pipeline = connection.channel().pipeline();
            if (pipeline.get(NAME) == null) {
                pipeline.addFirst(NAME, new FlushConsolidationHandler(FLUSH_AFTER_WRITES, true));
            }
        }
    }
}
