package chat.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.gateway.client.StoredMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The hand-over of a paged resume to the live stream: every message once, in order, whatever arrives live meanwhile. */
class ChatSessionResumeTest {

    private static List<StoredMessage> page(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(s -> new StoredMessage(s, "f" + s)).toList();
    }

    private static List<Long> seqs(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    /** A live room message, as the fan-out writes it on the connection's loop. */
    private static void deliver(ChatSession session, long seq) {
        SharedFrame frame = SharedFrame.of("f" + seq);
        List<ChatSession> touched = new ArrayList<>(1);
        try {
            session.deliver(seq, frame, touched);
        } finally {
            frame.release();
        }
        touched.forEach(ChatSession::flush);
    }

    @Test
    void liveMessagesArrivingDuringThePagesAreWrittenOnceAfterTheHistory() {
        List<Long> written = new ArrayList<>();
        ChatSession session = new RecordingSession(written).session();
        assertTrue(session.beginResume(0));
        session.writeHistory(page(1, 100));
        deliver(session, 301); // live, while history is still being paged
        deliver(session, 302);
        session.writeHistory(page(101, 300));
        session.writeHistory(page(301, 302)); // the last page overlaps what was held
        assertTrue(session.finishResume());
        deliver(session, 302); // a late duplicate from the stream
        deliver(session, 303);
        assertEquals(seqs(1, 303), written);
    }

    @Test
    void moreLiveMessagesThanCanBeHeldAreReadFromHistoryInstead() {
        List<Long> written = new ArrayList<>();
        ChatSession session = new RecordingSession(written).session();
        assertTrue(session.beginResume(10));
        int live = ChatSession.MAX_HELD_DURING_RESUME + 5;
        for (long s = 21; s < 21 + live; s++) {
            deliver(session, s);
        }
        session.writeHistory(page(11, 20));
        assertFalse(session.finishResume(), "the held messages overflowed: the resume must page on");
        deliver(session, 21 + live); // held again after the overflow was noticed
        session.writeHistory(page(21, 20 + live));
        assertTrue(session.finishResume());
        assertEquals(seqs(11, 21 + live), written);
    }

    @Test
    void aSecondResumeIsRefusedWhileOneRunsAndWhatTheConnectionHasIsNotWrittenAgain() {
        List<Long> written = new ArrayList<>();
        ChatSession session = new RecordingSession(written).session();
        assertTrue(session.beginResume(5));
        assertFalse(session.beginResume(0));
        session.writeHistory(page(1, 8));
        assertTrue(session.finishResume());
        assertEquals(seqs(6, 8), written);
    }
}
