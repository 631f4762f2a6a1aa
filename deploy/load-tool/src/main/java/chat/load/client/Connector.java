package chat.load.client;

import chat.load.stats.Histograms;
import chat.load.stats.SenderBook;
import chat.load.stats.WallClock;
import chat.load.stats.WorkerResult;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import org.HdrHistogram.Recorder;

/**
 * Opens the WebSocket connections of one process on a few Vert.x event loops: one client per
 * source address (each pair of source and destination address has its own ephemeral ports),
 * connections spread round-robin over the addresses and the event loops, at most
 * {@code concurrency} handshakes at a time. Counts what opened, what failed and why, and what
 * closed unexpectedly.
 */
public final class Connector implements AutoCloseable {

    private final Vertx vertx;
    private final List<WebSocketClient> clients = new ArrayList<>();
    private final List<Context> contexts = new ArrayList<>();
    private final Semaphore handshakes;
    private final int concurrency;
    private final long timeoutMillis;
    private final Recorder handshakeLatency = new Recorder(3);
    private final org.HdrHistogram.Histogram handshakeTotal = Histograms.empty();
    private final LongAdder attempted = new LongAdder();
    private final LongAdder opened = new LongAdder();
    private final LongAdder unexpectedCloses = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> closeCodes = new ConcurrentHashMap<>();
    private long startMicros;
    private volatile long endMicros;

    public Connector(List<String> sourceAddresses, int concurrency, double timeoutSeconds) {
        int loops = Math.max(2, Runtime.getRuntime().availableProcessors());
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setBlockedThreadCheckInterval(60_000));
        timeoutMillis = (long) (timeoutSeconds * 1000);
        for (String address : sourceAddresses.isEmpty()
                ? java.util.Collections.<String>singletonList(null)
                : sourceAddresses) {
            WebSocketClientOptions options = new WebSocketClientOptions().setMaxConnections(1_000_000)
                    .setConnectTimeout((int) timeoutMillis).setMaxMessageSize(4 * 1024 * 1024)
                    .setMaxFrameSize(1024 * 1024)
                    .setTcpNoDelay(true);
            if (address != null) {
                options.setLocalAddress(address);
            }
            clients.add(vertx.createWebSocketClient(options));
        }
        // one verticle instance per event loop, to get one context on each (getOrCreateContext from
        // this thread would hand back the same sticky event loop every time)
        List<Context> created = java.util.Collections.synchronizedList(new ArrayList<>());
        vertx.deployVerticle(() -> new AbstractVerticle() {

            @Override
            public void start() {
                created.add(context);
            }
        }, new DeploymentOptions().setInstances(loops)).toCompletionStage().toCompletableFuture().join();
        contexts.addAll(created);
        this.concurrency = concurrency;
        handshakes = new Semaphore(concurrency);
    }

    public Vertx vertx() {
        return vertx;
    }

    public List<Context> contexts() {
        return contexts;
    }

    /** A connection of global index {@code index} in {@code room}, placed on an event loop, not yet open. */
    public ChatConnection prepare(int index, int room, SenderBook sender) {
        return new ChatConnection(index, room, contexts.get(index % contexts.size()), sender);
    }

    /**
     * Opens every connection (blocking the calling thread until each handshake ended, at most
     * {@code concurrency} at a time); {@code tokens} gives a connection's bearer token (or null).
     */
    public void openAll(List<ChatConnection> connections, IntFunction<String> urls, IntFunction<String> tokens,
            FrameListener listener) throws InterruptedException {
        startMicros = WallClock.micros();
        for (ChatConnection c : connections) {
            handshakes.acquire();
            String token = tokens.apply(c.index);
            open(c, urls.apply(c.room), token, listener);
        }
        // every permit back means every handshake has ended, opened or failed
        if (handshakes.tryAcquire(concurrency, timeoutMillis + 30_000, TimeUnit.MILLISECONDS)) {
            handshakes.release(concurrency);
        }
        endMicros = WallClock.micros();
    }

    private void open(ChatConnection c, String url, String token, FrameListener listener) {
        WebSocketClient client = clients.get(c.index % clients.size());
        // connect timeout only: a request timeout would also close an open socket that stays idle that long
        WebSocketConnectOptions options = new WebSocketConnectOptions().setAbsoluteURI(url)
                .setConnectTimeout(timeoutMillis);
        if (token != null) {
            options.addHeader("Authorization", "Bearer " + token);
        }
        attempted.increment();
        long started = System.nanoTime();
        AtomicBoolean settled = new AtomicBoolean();
        c.context.runOnContext(v -> {
            long timer = vertx.setTimer(timeoutMillis, t -> {
                if (settled.compareAndSet(false, true)) {
                    handshakes.release();
                    failures.computeIfAbsent("timeout", r -> new LongAdder()).increment();
                }
            });
            client.connect(options).onComplete(ar -> {
                vertx.cancelTimer(timer);
                if (!settled.compareAndSet(false, true)) {
                    if (ar.succeeded()) {
                        ar.result().close(); // answered after its timeout: counted as failed, not kept
                    }
                    return;
                }
                if (ar.failed()) {
                    failures.computeIfAbsent(reason(ar.cause()), r -> new LongAdder()).increment();
                } else {
                    opened(c, ar.result(), started, listener);
                }
                handshakes.release(); // after the counting: openAll returns with every figure in place
            });
        });
    }

    private void opened(ChatConnection c, WebSocket ws, long started, FrameListener listener) {
        long now = System.nanoTime();
        handshakeLatency.recordValue((now - started) / 1000);
        c.openedAtNanos = now;
        c.socket = ws;
        opened.increment();
        // frame bytes straight into Jackson's byte parser: no String of the frame per delivery; a
        // fragmented message (servers rarely send one) is put together first
        Buffer[] fragments = new Buffer[1];
        ws.frameHandler(frame -> {
            if (frame.isText() && frame.isFinal()) {
                listener.onFrame(c, IncomingFrame.parse(frame.binaryData()));
            } else if (frame.isText()) {
                fragments[0] = Buffer.buffer().appendBuffer(frame.binaryData());
            } else if (frame.isContinuation() && fragments[0] != null) {
                fragments[0].appendBuffer(frame.binaryData());
                if (frame.isFinal()) {
                    Buffer whole = fragments[0];
                    fragments[0] = null;
                    listener.onFrame(c, IncomingFrame.parse(whole));
                }
            }
        });
        ws.exceptionHandler(e -> {
        });
        ws.closeHandler(x -> {
            c.closedAtNanos = System.nanoTime();
            if (!c.closing) {
                unexpectedCloses.increment();
                Short code = ws.closeStatusCode();
                closeCodes.computeIfAbsent(code == null ? "none" : code.toString(), k -> new LongAdder()).increment();
            }
        });
    }

    private static String reason(Throwable cause) {
        if (cause instanceof UpgradeRejectedException rejected) {
            return "HTTP " + rejected.getStatus();
        }
        String text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        if (text.contains("imeout") || text.contains("timed out")) {
            return "timeout";
        }
        return text.length() > 100 ? text.substring(0, 100) : text;
    }

    /** Closes every open connection (code 1000) and waits up to {@code waitMillis} for them to be closed. */
    public void closeAll(List<ChatConnection> connections, long waitMillis) throws InterruptedException {
        for (ChatConnection c : connections) {
            c.closing = true;
            c.context.runOnContext(v -> c.close());
        }
        long deadline = System.nanoTime() + waitMillis * 1_000_000;
        while (System.nanoTime() < deadline && connections.stream().anyMatch(ChatConnection::isOpen)) {
            Thread.sleep(50);
        }
    }

    public long opened() {
        return opened.sum();
    }

    public long attempted() {
        return attempted.sum();
    }

    /** Copies the connection figures into a result. */
    public void fill(WorkerResult r) {
        r.connectionsAttempted = attempted.sum();
        r.connectionsOpened = opened.sum();
        r.connectFailures = sums(failures);
        r.unexpectedCloses = unexpectedCloses.sum();
        r.closeCodes = sums(closeCodes);
        r.connectStartMicros = startMicros;
        r.connectEndMicros = endMicros;
        synchronized (handshakeTotal) {
            handshakeTotal.add(handshakeLatency.getIntervalHistogram());
            r.handshakeLatency = Histograms.encode(handshakeTotal);
        }
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null)
                .join();
    }
}
