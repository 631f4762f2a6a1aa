package chat.message.stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.events.Origin;
import chat.events.RoomEvent;
import chat.events.StreamCodec;
import chat.stack.test.StackTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Many producers, one room: seqs are 1..N, each once, published in order, stored contiguously. */
@QuarkusTest
@QuarkusTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "chat_message"))
class ConcurrentSendTest {

    private static final int PRODUCERS = 10;
    private static final int PER_PRODUCER = 100;
    private static final int TOTAL = PRODUCERS * PER_PRODUCER;

    @Inject
    RedisDataSource redis;

    @Inject
    EntityManager em;

    @Test
    void concurrentProducersGetGapFreeOrderedSeqs() throws Exception {
        StreamFixture fixture = new StreamFixture(redis);
        String room = StreamFixture.randomRoom();
        List<Origin> origins = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(PRODUCERS);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                Origin origin = StreamFixture.randomOrigin();
                origins.add(origin);
                long userId = 100 + p;
                sent.add(pool.submit(() -> {
                    for (int i = 0; i < PER_PRODUCER; i++) {
                        fixture.send(
                                StreamFixture.text(room, userId, "user" + userId, "k-" + i, "message " + i, origin));
                    }
                }));
            }
            for (Future<?> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }

        await().atMost(Duration.ofSeconds(60))
                .until(() -> fixture.roomEvents(room, RoomEvent.CHAT_MESSAGE).size() >= TOTAL);
        List<Long> seqs = fixture.roomEvents(room, RoomEvent.CHAT_MESSAGE).stream().map(RoomEvent::seq).toList();
        assertEquals(LongStream.rangeClosed(1, TOTAL).boxed().toList(), seqs, "seq 1..N, each once, in stream order");

        HashSet<Long> messageIds = new HashSet<>();
        for (RoomEvent e : fixture.roomEvents(room, RoomEvent.CHAT_MESSAGE)) {
            messageIds.add(StreamCodec.json().readTree(e.frame()).get("message_id").asLong());
        }
        assertEquals(TOTAL, messageIds.size(), "message ids unique");
        await().atMost(Duration.ofSeconds(20)).until(() -> origins.stream()
                .mapToInt(o -> fixture.connectionEvents(o).size()).sum() == TOTAL);

        Object[] stats = (Object[]) em.createNativeQuery(
                "SELECT count(*), count(DISTINCT seq), min(seq), max(seq) FROM message WHERE room = ?1")
                .setParameter(1, room).getSingleResult();
        assertEquals(TOTAL, ((Number) stats[0]).intValue(), "rows");
        assertEquals(TOTAL, ((Number) stats[1]).intValue(), "distinct seqs");
        assertEquals(1, ((Number) stats[2]).intValue(), "first seq");
        assertEquals(TOTAL, ((Number) stats[3]).intValue(), "last seq");
    }
}
