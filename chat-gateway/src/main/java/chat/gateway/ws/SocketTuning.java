package chat.gateway.ws;

import chat.gateway.session.FrameSink;
import chat.gateway.session.SharedFrame;
import io.micrometer.core.instrument.FunctionCounter;
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
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

/**
 * Tunes a chat socket's Netty channel during the upgrade (websockets-next has no public API
 * for either, so the channel is reached through Vert.x's connection class):
 * <ul>
 *   <li>writes share flushes: frames written within one event-loop turn go out in one
 *       system call instead of one each (FlushConsolidationHandler); per-frame flushing is
 *       what limits fan-out;</li>
 *   <li>the channel becomes unwritable once {@code maxPendingBytes} wait to be sent, which
 *       is how {@link chat.gateway.session.ChatSession} recognises a reader too slow to keep;</li>
 *   <li>room frames, encoded once as complete WebSocket frames ({@link SharedFrame}), are written
 *       from the head of the pipeline, below Vert.x's WebSocket encoder: each connection gets a
 *       retained duplicate of the same buffer, and each batch is flushed once
 *       ({@link #sink}; {@code chat_frames_shared_written_total} counts them).</li>
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
            .description("upgrades whose socket could not be tuned (Vert.x internals changed)")
            .register(Metrics.globalRegistry);
    private static final LongAdder SHARED_WRITES = new LongAdder();
    private static volatile boolean lastFailed;

    static {
        FunctionCounter.builder("chat_frames_shared_written", SHARED_WRITES, LongAdder::sum)
                .description("room frames written to a socket as a shared, pre-encoded buffer")
                .register(Metrics.globalRegistry);
    }

    private SocketTuning() {
    }

    /** True when the latest upgrade could not be tuned. */
    public static boolean failing() {
        return lastFailed;
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

    /** Where a tuned socket's room frames go: straight to its channel, from its own event loop. */
    static FrameSink sink(Channel channel) {
        return new ChannelSink(channel, channel.pipeline().context(NAME));
    }

    /** Writes below Vert.x's WebSocket encoder: the frames are complete WebSocket frames already. */
    private record ChannelSink(Channel channel, ChannelHandlerContext head) implements FrameSink {

        @Override
        public Executor loop() {
            return channel.eventLoop();
        }

        @Override
        public boolean writable() {
            return channel.isWritable();
        }

        @Override
        public void write(SharedFrame frame) {
            head.write(frame.wire().retainedDuplicate(), head.voidPromise());
            SHARED_WRITES.increment();
        }

        @Override
        public void flush() {
            head.flush();
        }

        @Override
        public void abort() {
            head.close();
        }
    }
}
