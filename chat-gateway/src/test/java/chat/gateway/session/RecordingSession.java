package chat.gateway.session;

import chat.gateway.client.ChatUser;
import io.quarkus.websockets.next.WebSocketConnection;
import io.netty.util.concurrent.EventExecutor;
import io.smallrye.mutiny.Uni;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.Executor;

/** A session over a stand-in connection that records the seq of each message written to it. */
final class RecordingSession {

    /** Recorded instead of a seq when a frame is written from another thread than the session's loop. */
    static final long WRONG_THREAD = -1;

    private final List<Long> written;
    private final Executor loop;

    RecordingSession(List<Long> written) {
        this(written, Runnable::run);
    }

    /** @param loop the session's event loop, where its frames must be written */
    RecordingSession(List<Long> written, Executor loop) {
        this.written = written;
        this.loop = loop;
    }

    ChatSession session() {
        WebSocketConnection connection = (WebSocketConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{WebSocketConnection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "id" -> "conn-1";
                    case "isOpen" -> true;
                    case "sendText" -> { // history pages of a resume are written as text: recorded the same way
                        String text = (String) args[0];
                        if (text.startsWith("f")) {
                            written.add(Long.parseLong(text.substring(1)));
                        }
                        yield Uni.createFrom().voidItem();
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new ChatSession(connection, new ChatUser(1, "alice"), "r", new RateLimiter(1000, 1000), new Sink());
    }

    /** Records each frame as its seq (frames are "f" + seq), taking and releasing a duplicate as a socket would. */
    private final class Sink implements FrameSink {

        @Override
        public Executor loop() {
            return loop;
        }

        @Override
        public boolean writable() {
            return true;
        }

        @Override
        public void write(SharedFrame frame) {
            frame.wire().retainedDuplicate().release();
            boolean onItsLoop = !(loop instanceof EventExecutor executor) || executor.inEventLoop();
            written.add(onItsLoop ? Long.parseLong(frame.json().substring(1)) : WRONG_THREAD);
        }

        @Override
        public void flush() {
        }

        @Override
        public void abort() {
        }
    }
}
