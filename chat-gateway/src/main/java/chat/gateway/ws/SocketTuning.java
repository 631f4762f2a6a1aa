package chat.gateway.ws;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.util.Optional;

/**
 * Tunes a chat socket's Netty channel during the upgrade (websockets-next has no public API
 * for either, so the channel is reached through Vert.x's connection class):
 * <ul>
 *   <li>writes share flushes: frames written within one event-loop turn go out in one
 *       system call instead of one each (FlushConsolidationHandler); per-frame flushing is
 *       what limits fan-out;</li>
 *   <li>the channel becomes unwritable once {@code maxPendingBytes} wait to be sent, which
 *       is how {@link chat.gateway.session.ChatSession} recognises a reader too slow to keep.</li>
 * </ul>
 * This is the one class that reaches Vert.x internals. Should a Vert.x upgrade change them, the
 * upgrade still succeeds untuned, {@code chat_socket_tuning_failed_total} counts it and
 * readiness ({@link chat.gateway.health.SocketTuningHealth}) goes down, so it never fails silently.
 */
public final class SocketTuning {

    private static final String NAME = "chat-flush-coalescing";
    /** Flush at least after this many writes, even while the batch goes on. */
    private static final int FLUSH_AFTER_WRITES = 256;

    private static final Counter FAILED = Counter.builder("chat_socket_tuning_failed")
            .description("upgrades whose socket could not be tuned (Vert.x internals changed)").register(Metrics.globalRegistry);
    private static volatile boolean lastFailed;

    private SocketTuning() {
    }

    /** True when the latest upgrade could not be tuned. */
    public static boolean failing() {
        return lastFailed;
    }

    /**
     * Closes the socket at once, dropping what waits to be sent. Closing from the handler at
     * the head of the pipeline skips Vert.x's graceful WebSocket close, which would wait for a
     * close frame the stalled peer never reads.
     */
    static void abort(Channel channel) {
        ChannelHandlerContext head = channel.pipeline().context(NAME);
        if (head != null) {
            head.close();
        } else {
            channel.close();
        }
    }

    /** Tunes the request's channel and returns it, or empty when the connection is not a Netty one. */
    static Optional<Channel> apply(HttpServerRequest request, int maxPendingBytes) {
        if (!(request.connection() instanceof ConnectionBase connection)) {
            FAILED.increment();
            lastFailed = true;
            return Optional.empty();
        }
        lastFailed = false;
        Channel channel = connection.channel();
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(NAME) == null) {
            pipeline.addFirst(NAME, new FlushConsolidationHandler(FLUSH_AFTER_WRITES, true));
        }
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(maxPendingBytes / 2, maxPendingBytes));
        return Optional.of(channel);
    }
}
