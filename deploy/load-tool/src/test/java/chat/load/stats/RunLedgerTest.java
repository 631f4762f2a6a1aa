package chat.load.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The accounting: loss, duplicates and order are found, and figures merge across processes. */
class RunLedgerTest {

    private static final int CLIENTS = 3; // per room: connection 0 of each room sends

    /** A member of a room, open from {@code opened} to {@code closed} (0: still open). */
    private record FakeMember(int room, long opened, long closed, ReceiverBook received) implements Member {

        FakeMember(int room) {
            this(room, 1, 0, new ReceiverBook());
        }

        @Override
        public boolean openThroughout(long from, long to) {
            return opened <= from && (closed == 0 || closed >= to);
        }
    }

    private final MessageText ids = new MessageText("t1");
    /** The accounting of one process with rooms 0 and 1, and the sender of room 0 (a fresh pair per test). */
    private final RunLedger ledger = new RunLedger(ids, CLIENTS, 0, 2);
    private final SenderBook sender = new SenderBook(0, 0, 10);

    /** Sends one measured message from the sender book, acks it, and returns its text. */
    private String sendAndAck(RunLedger ledger, SenderBook sender) {
        String text = ledger.nextText(sender, true, 0, 64);
        ledger.answer(sender, ids.clientId(sender.sender(), sender.lastNumber()), null);
        return text;
    }

    @Test
    void everyAckedMessageAtEveryMemberIsNoLoss() {
        List<FakeMember> members = List.of(new FakeMember(0), new FakeMember(0), new FakeMember(0));
        for (long seq = 1; seq <= 5; seq++) {
            String text = sendAndAck(ledger, sender);
            for (FakeMember m : members) {
                ledger.delivery(0, m.received(), text, seq);
            }
        }
        WorkerResult r = ledger.result(members, 10, 20);
        assertEquals(5, r.acked);
        assertEquals(15, r.expectedDeliveries(true));
        assertEquals(15, r.stableDeliveries());
        assertEquals(0, r.lostDeliveries(true));
        assertEquals(0, r.duplicates);
        assertEquals(0, r.outOfOrder);
        assertEquals(5.0, r.deliveredMessages(true), 1e-9);
        assertEquals(15, Histograms.decode(r.deliveryLatency).getTotalCount());
        assertEquals(5, Histograms.decode(r.ackLatency).getTotalCount());
    }

    @Test
    void aMessageMissingAtOneMemberIsOneLostDelivery() {
        FakeMember a = new FakeMember(0);
        FakeMember b = new FakeMember(0);
        String first = sendAndAck(ledger, sender);
        String second = sendAndAck(ledger, sender);
        ledger.delivery(0, a.received(), first, 1);
        ledger.delivery(0, a.received(), second, 2);
        ledger.delivery(0, b.received(), first, 1); // b never gets the second

        WorkerResult r = ledger.result(List.of(a, b), 10, 20);
        assertEquals(4, r.expectedDeliveries(true));
        assertEquals(1, r.lostDeliveries(true));
    }

    @Test
    void aMemberThatJoinedDuringTheWindowIsNotOwedAnything() {
        FakeMember present = new FakeMember(0);
        FakeMember late = new FakeMember(0, 15, 0, new ReceiverBook());
        FakeMember leftEarly = new FakeMember(0, 1, 12, new ReceiverBook());
        String text = sendAndAck(ledger, sender);
        ledger.delivery(0, present.received(), text, 1);

        WorkerResult r = ledger.result(List.of(present, late, leftEarly), 10, 20);
        assertEquals(1, r.expectedDeliveries(true));
        assertEquals(0, r.lostDeliveries(true));
    }

    @Test
    void aSecondCopyIsADuplicateAndNotASecondDelivery() {
        FakeMember a = new FakeMember(0);
        String text = sendAndAck(ledger, sender);
        ledger.delivery(0, a.received(), text, 1);
        ledger.delivery(0, a.received(), text, 1);

        WorkerResult r = ledger.result(List.of(a), 10, 20);
        assertEquals(1, r.duplicates);
        assertEquals(1, r.stableDeliveries());
        assertEquals(0, r.lostDeliveries(true));
    }

    @Test
    void aSeqGoingBackIsOutOfOrder() {
        FakeMember a = new FakeMember(0);
        String first = sendAndAck(ledger, sender);
        String second = sendAndAck(ledger, sender);
        ledger.delivery(0, a.received(), second, 2);
        ledger.delivery(0, a.received(), first, 1);

        WorkerResult r = ledger.result(List.of(a), 10, 20);
        assertEquals(1, r.outOfOrder);
        assertEquals(0, r.duplicates);
    }

    @Test
    void withoutSeqTheSendersOwnNumbersGiveTheOrder() {
        FakeMember a = new FakeMember(0);
        String first = ledger.nextText(sender, true, 0, 64);
        String second = ledger.nextText(sender, true, 0, 64);
        ledger.delivery(0, a.received(), second, -1);
        ledger.delivery(0, a.received(), first, -1);

        WorkerResult r = ledger.result(List.of(a), 10, 20);
        assertEquals(1, r.outOfOrder);
        assertEquals(0, r.lostDeliveries(false), "no acks: every sent message is owed, and both came");
        assertEquals(2, r.expectedDeliveries(false));
    }

    @Test
    void errorsAndWarmUpAreCountedApartFromTheMeasuredFigures() {
        FakeMember a = new FakeMember(0);
        String warm = ledger.nextText(sender, false, 0, 64);
        ledger.answer(sender, ids.clientId(0, sender.lastNumber()), null);
        ledger.delivery(0, a.received(), warm, 1);
        ledger.nextText(sender, true, 0, 64);
        ledger.error(sender, ids.clientId(0, sender.lastNumber()), "rate_limited");
        ledger.nextText(sender, true, 0, 64); // never answered

        WorkerResult r = ledger.result(List.of(a), 10, 20);
        assertEquals(1, r.sentWarmup);
        assertEquals(2, r.sentMeasured);
        assertEquals(0, r.acked);
        assertEquals(1, r.errorsMeasured);
        assertEquals(1L, r.errorsByCode.get("rate_limited"));
        assertEquals(1, ledger.unanswered());
        assertEquals(0, r.expectedDeliveries(true), "a refused message is owed to nobody");
        assertEquals(0, r.stableDeliveries(), "warm-up deliveries are not measured");
    }

    @Test
    void aSecondAckOfOneMessageIsUnmatchedNotCountedTwice() {
        sendAndAck(ledger, sender);
        ledger.answer(sender, ids.clientId(0, 0), null);
        ledger.answer(sender, "someone-else", null);

        WorkerResult r = ledger.result(List.of(), 10, 20);
        assertEquals(1, r.acked);
        assertEquals(2, r.unmatchedAnswers);
    }

    @Test
    void aDeliveryFromAnotherRoomIsCrossRoom() {
        SenderBook senderOfRoom1 = new SenderBook(CLIENTS, 1, 10);
        FakeMember inRoom0 = new FakeMember(0);
        String text = sendAndAck(ledger, senderOfRoom1);
        ledger.delivery(0, inRoom0.received(), text, 1);
        ledger.delivery(0, inRoom0.received(), "somebody else's text", 2);

        WorkerResult r = ledger.result(List.of(inRoom0), 10, 20);
        assertEquals(1, r.crossRoom);
        assertEquals(1, r.foreignChat);
    }

    @Test
    void oneRoomSpreadOverTwoProcessesMergesIntoOneAccount() {
        // process A: the sender and one member; process B: two members, one of which misses a message
        RunLedger a = new RunLedger(ids, CLIENTS, 0, 1);
        RunLedger b = new RunLedger(ids, CLIENTS, 0, 1);
        SenderBook sender = new SenderBook(0, 0, 10);
        FakeMember a1 = new FakeMember(0);
        FakeMember b1 = new FakeMember(0);
        FakeMember b2 = new FakeMember(0);
        for (long seq = 1; seq <= 4; seq++) {
            String text = sendAndAck(a, sender);
            a.delivery(0, a1.received(), text, seq);
            b.delivery(0, b1.received(), text, seq);
            if (seq != 3) {
                b.delivery(0, b2.received(), text, seq);
            }
        }
        WorkerResult merged = WorkerResult
                .merge(List.of(a.result(List.of(a1), 10, 20), b.result(List.of(b1, b2), 10, 20)));

        assertEquals(4, merged.acked);
        assertEquals(12, merged.expectedDeliveries(true));
        assertEquals(11, merged.stableDeliveries());
        assertEquals(1, merged.lostDeliveries(true));
        Histogram delivery = Histograms.decode(merged.deliveryLatency);
        assertEquals(11, delivery.getTotalCount(), "both processes' delivery histograms are in the merged one");
        assertEquals(4, Histograms.decode(merged.ackLatency).getTotalCount());
    }

    @Test
    void histogramsSurviveTheirEncodingAndAddUp() {
        Histogram one = Histograms.empty();
        Histogram two = Histograms.empty();
        for (int i = 1; i <= 1000; i++) {
            one.recordValue(i);
            two.recordValue(1_000_000 + i);
        }
        WorkerResult p1 = new WorkerResult();
        p1.deliveryLatency = Histograms.encode(one);
        WorkerResult p2 = new WorkerResult();
        p2.deliveryLatency = Histograms.encode(two);
        Histogram merged = Histograms.decode(WorkerResult.merge(List.of(p1, p2)).deliveryLatency);

        assertEquals(2000, merged.getTotalCount());
        assertEquals(one.getValueAtPercentile(50), Histograms.decode(p1.deliveryLatency).getValueAtPercentile(50));
        assertEquals(two.getMaxValue(), merged.getMaxValue(), two.getMaxValue() * 0.001);
        assertEquals(1000.0, merged.getValueAtPercentile(50), 1.0);
        assertNull(Histograms.summaryMillis(Histograms.empty()), "no samples: the figure is absent");
    }
}
