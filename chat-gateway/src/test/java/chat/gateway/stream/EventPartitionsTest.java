package chat.gateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.events.StreamNames;
import chat.stack.Infrastructure;
import chat.stack.ServiceKind;
import chat.stack.StackLayout;
import chat.stack.StackSettings;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which fan-out partitions a gateway reads and from where, against the real Redis of the local
 * stack with the gateway's own ACL user: a partition's start is taken before its first room's
 * join completes (the join race), rooms of one partition share it, and it is dropped with its last room.
 */
class EventPartitionsTest {

    private static final int PARTITIONS = 8;
    private static EventReaderRedis redis;
    private static StreamNames names;

    @BeforeAll
    static void connect() {
        // only Redis is needed: its address, from the stack the build started (no PostgreSQL check)
        String url = new Infrastructure(StackLayout.detect(), StackSettings.fromEnvironment()).endpoints()
                .redisUrl(ServiceKind.GATEWAY);
        redis = new EventReaderRedis(url);
        names = new StreamNames("test-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    @Test
    void anEventPublishedRightAfterTheJoinIsReadEvenBeforeTheReaderLooksAtThePartition() throws Exception {
        EventPartitions partitions = new EventPartitions(redis, names, PARTITIONS);
        String room = "race-" + UUID.randomUUID();
        String key = names.roomEventsFor(room, PARTITIONS);
        String before = xadd(key, "before the join");

        partitions.roomOpened(room).toCompletableFuture().get(10, TimeUnit.SECONDS);
        String after = xadd(key, "right after the join"); // the reader has not read this partition yet

        EventPartitions.Partition p = only(partitions.toRead());
        assertEquals(key, p.key);
        assertEquals(before, p.lastId, "the start was taken when the room opened, not when the reader came");
        Response read = send(Request.cmd(Command.XREAD).arg("STREAMS").arg(key).arg(p.lastId));
        Response entries = read.get(0).get(1);
        assertEquals(1, entries.size(), "only what came after the join");
        assertEquals(after, entries.get(0).get(0).toString());
    }

    @Test
    void anEmptyPartitionStartsAtItsBeginning() throws Exception {
        EventPartitions partitions = new EventPartitions(redis, names, PARTITIONS);
        String room = "empty-" + UUID.randomUUID();
        String key = names.roomEventsFor(room, PARTITIONS);
        send(Request.cmd(Command.DEL).arg(key));
        partitions.roomOpened(room).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("0-0", only(partitions.toRead()).lastId);
    }

    @Test
    void roomsOfOnePartitionShareItAndTheLastOneToCloseDropsIt() throws Exception {
        EventPartitions partitions = new EventPartitions(redis, names, PARTITIONS);
        String first = "shared-" + UUID.randomUUID();
        String second = roomInPartitionOf(first);
        partitions.roomOpened(first).toCompletableFuture().get(10, TimeUnit.SECONDS);
        EventPartitions.Partition p = only(partitions.toRead());
        assertTrue(partitions.roomOpened(second).toCompletableFuture().isDone(), "already read: no wait");

        partitions.roomClosed(first);
        assertSame(p, only(partitions.toRead()), "still needed by the other room");
        partitions.roomClosed(second);
        assertTrue(partitions.toRead().isEmpty());
        assertTrue(partitions.indexes().isEmpty());
    }

    @Test
    void reopenedBeforeTheReaderDropsItGoesOnFromWhereItWas() throws Exception {
        EventPartitions partitions = new EventPartitions(redis, names, PARTITIONS);
        String room = "reopen-" + UUID.randomUUID();
        partitions.roomOpened(room).toCompletableFuture().get(10, TimeUnit.SECONDS);
        EventPartitions.Partition p = only(partitions.toRead());
        p.lastId = "1-1"; // as the reader leaves it after reading
        partitions.roomClosed(room);
        assertTrue(partitions.roomOpened(room).toCompletableFuture().isDone());
        EventPartitions.Partition again = only(partitions.toRead());
        assertSame(p, again);
        assertEquals("1-1", again.lastId, "no entry skipped or read twice");
        assertFalse(partitions.indexes().isEmpty());
    }

    private static String roomInPartitionOf(String room) {
        int wanted = StreamNames.partitionOf(room, PARTITIONS);
        while (true) {
            String other = "shared-" + UUID.randomUUID();
            if (StreamNames.partitionOf(other, PARTITIONS) == wanted) {
                return other;
            }
        }
    }

    private static EventPartitions.Partition only(List<EventPartitions.Partition> read) {
        assertEquals(1, read.size(), "partitions read: " + read.size());
        return read.get(0);
    }

    private static String xadd(String key, String text) throws Exception {
        return send(Request.cmd(Command.XADD).arg(key).arg("*").arg("frame").arg(text)).toString();
    }

    private static Response send(Request request) throws Exception {
        return redis.send(request).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
