package chat.load.workload;

import chat.load.client.ChatConnection;
import chat.load.client.IncomingFrame;
import chat.load.stats.RunLedger;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * Open-loop sending for the senders of one event loop: each sender has a due time every
 * {@code 1/rate} s (spread over the period, not all at once), a 2 ms timer sends what is due,
 * however late the answers are (so a slow server cannot slow the offered rate down). A message
 * is measured when its due time falls in the measured window; nothing is sent past its end.
 */
final class Pacer {

    private static final long TICK_MILLIS = 2;
    /** Fractional part of the golden ratio: spreads sender start offsets evenly over a period. */
    private static final double SPREAD = 0.6180339887498949;

    private final Vertx vertx;
    private final Context context;
    private final RunLedger ledger;
    private final List<ChatConnection> senders = new ArrayList<>();
    private final List<long[]> due = new ArrayList<>();
    private final long periodNanos;
    private final int payloadBytes;
    private final boolean clientIds;
    private long timer = -1;

    Pacer(Vertx vertx, Context context, RunLedger ledger, double rate, int payloadBytes, boolean clientIds) {
        this.vertx = vertx;
        this.context = context;
        this.ledger = ledger;
        this.periodNanos = (long) (1e9 / rate);
        this.payloadBytes = payloadBytes;
        this.clientIds = clientIds;
    }

    void add(ChatConnection sender) {
        senders.add(sender);
    }

    boolean isEmpty() {
        return senders.isEmpty();
    }

    /** Starts sending at {@code startNanos}; measured from {@code measureStart}, nothing sent from {@code end}. */
    void start(long startNanos, long measureStart, long end) {
        for (ChatConnection s : senders) {
            double offset = (s.index() * SPREAD) % 1.0;
            due.add(new long[]{startNanos + (long) (offset * periodNanos)});
        }
        context.runOnContext(v -> timer = vertx.setPeriodic(TICK_MILLIS, id -> tick(measureStart, end)));
    }

    void stop() {
        context.runOnContext(v -> vertx.cancelTimer(timer));
    }

    private void tick(long measureStart, long end) {
        long now = System.nanoTime();
        for (int i = 0; i < senders.size(); i++) {
            ChatConnection sender = senders.get(i);
            long[] next = due.get(i);
            while (next[0] <= now && next[0] < end) {
                if (!sender.isOpen()) { // closed or never opened: the message is not sent, so not owed
                    ledger.sendFailed();
                    next[0] += periodNanos;
                    continue;
                }
                boolean measured = next[0] >= measureStart;
                String text = ledger.nextText(sender.sender(), measured, (now - next[0]) / 1000, payloadBytes);
                next[0] += periodNanos;
                if (text == null) {
                    break;
                }
                String clientId = clientIds
                        ? ledger.ids().clientId(sender.index(), sender.sender().lastNumber())
                        : null;
                if (!sender.send(IncomingFrame.messageFrame(text, clientId))) {
                    ledger.sendFailed();
                }
            }
        }
    }
}
