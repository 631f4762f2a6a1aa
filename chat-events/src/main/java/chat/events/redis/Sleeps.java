package chat.events.redis;

import java.util.function.BooleanSupplier;

/** Sleeps of the consumer loops that wake up within 50 ms once the loop is asked to stop. */
final class Sleeps {

    private Sleeps() {
    }

    static void sleepWhile(BooleanSupplier running, long millis) {
        long until = System.currentTimeMillis() + millis;
        try {
            while (running.getAsBoolean() && System.currentTimeMillis() < until) {
                Thread.sleep(Math.min(50, Math.max(1, until - System.currentTimeMillis())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
