package chat.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hot path on real event loops: every connection gets every room frame once and in order,
 * written from its own loop, while other connections join and leave the room concurrently.
 */
class FanOutTest {

    private static final int MESSAGES = 5_000;

    private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(3);
    private final FanOut fanOut = new FanOut();
    private final LocalRoom room = new LocalRoom("r", (r, after, onFetched) -> onFetched.accept(List.of()), fanOut);

    @AfterEach
    void stopLoops() {
        loops.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void everyConnectionGetsEveryFrameOnceInOrderWhileOthersJoinAndLeave() throws Exception {
        List<List<Long>> stayers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            List<Long> written = Collections.synchronizedList(new ArrayList<>());
            stayers.add(written);
            room.add(new RecordingSession(written, loops.next()).session());
        }
        List<List<Long>> visitors = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> churn = CompletableFuture.runAsync(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            List<ChatSession> inRoom = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                if (inRoom.isEmpty() || random.nextBoolean()) {
                    List<Long> written = Collections.synchronizedList(new ArrayList<>());
                    visitors.add(written);
                    ChatSession visitor = new RecordingSession(written, loops.next()).session();
                    room.add(visitor);
                    inRoom.add(visitor);
                } else {
                    room.remove(inRoom.remove(random.nextInt(inRoom.size())));
                }
            }
        });
        for (long seq = 1; seq <= MESSAGES; seq++) {
            room.onMessage(seq, "f" + seq);
            if (seq % 7 == 0) {
                fanOut.flush(); // as the event reader does after each batch it read
            }
        }
        churn.get();
        fanOut.flush();
        drain();

        List<Long> all = LongStream.rangeClosed(1, MESSAGES).boxed().toList();
        for (List<Long> written : stayers) {
            assertEquals(all, written, "a connection there all along got every frame once, in order");
        }
        for (List<Long> written : visitors) {
            for (int i = 1; i < written.size(); i++) {
                assertEquals(written.get(i - 1) + 1, written.get(i), "a visitor's frames are contiguous and in order");
            }
            assertTrue(written.isEmpty() || written.get(0) > 0, "written on the visitor's own loop");
        }
    }

    @Test
    void aBatchIsOneTaskPerEventLoop() {
        List<Runnable> tasks = new ArrayList<>();
        Executor loopA = tasks::add;
        Executor loopB = tasks::add;
        List<Long> a1 = new ArrayList<>();
        List<Long> a2 = new ArrayList<>();
        List<Long> b1 = new ArrayList<>();
        room.add(new RecordingSession(a1, loopA).session());
        room.add(new RecordingSession(a2, loopA).session());
        room.add(new RecordingSession(b1, loopB).session());
        for (long seq = 1; seq <= 10; seq++) {
            room.onMessage(seq, "f" + seq);
        }
        fanOut.flush();
        assertEquals(2, tasks.size(), "ten frames for three connections on two loops: two tasks");
        tasks.forEach(Runnable::run);
        List<Long> all = LongStream.rangeClosed(1, 10).boxed().toList();
        assertEquals(all, a1);
        assertEquals(all, a2);
        assertEquals(all, b1);
    }

    /** Waits until every loop ran what was handed to it before now. */
    private void drain() throws Exception {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (io.netty.util.concurrent.EventExecutor loop : loops) {
            done.add(CompletableFuture.runAsync(() -> {
            }, (EventLoop) loop));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get();
    }
}
