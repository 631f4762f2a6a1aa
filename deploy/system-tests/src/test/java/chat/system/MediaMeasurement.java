package chat.system;

import chat.stack.Processes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Figures for the media path, printed, never asserted: upload-to-delivery time of a phone photo
 * (median of ten) and the peak heap of the gateway and media-service while ten clients send one
 * such photo each at once. Runs only with {@code -Dchat.measure=true}.
 */
@EnabledIfSystemProperty(named = "chat.measure", matches = "true")
class MediaMeasurement {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void photoDeliveryTimeAndHeapUnderTenSenders() throws Exception {
        SystemStack stack = SystemStack.get();
        String frame = frame(MediaSystemTest.photo(4000, 3000, 48, "jpg"));
        String room = SystemStack.randomRoom("measure");
        try (WsClient alice = stack.connect(stack.gateway(), "alice", room);
                WsClient bob = stack.connect(stack.gateway(), "bob", room)) {
            bob.await("user_list", f -> f.path("users").toString().contains("bob"), WAIT);
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 11; i++) { // the first warms up
                String id = "m-" + i;
                String sent = frame.replace("\"client_id\":\"x\"", "\"client_id\":\"" + id + "\"");
                long start = System.nanoTime();
                alice.send(sent);
                bob.await("chat_message", f -> id.equals(f.path("client_id").asText()), WAIT);
                if (i > 0) {
                    millis.add((System.nanoTime() - start) / 1_000_000);
                }
            }
            millis.sort(null);
            System.out.printf("photo of %d frame chars: upload-to-delivery ms %s, median %d%n", frame.length(), millis,
                    (millis.get(4) + millis.get(5)) / 2);
        }
        ProcessHandle gateway = Processes.recorded(stack.layout, "svc-it-gateway").orElseThrow();
        ProcessHandle media = Processes.recorded(stack.layout, "svc-it-media").orElseThrow();
        AtomicLong gatewayPeak = new AtomicLong();
        AtomicLong mediaPeak = new AtomicLong();
        long gatewayBefore = heapUsedKb(gateway.pid());
        long mediaBefore = heapUsedKb(media.pid());
        ExecutorService pool = Executors.newFixedThreadPool(11);
        Future<?> sampler = pool.submit(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                gatewayPeak.accumulateAndGet(heapUsedKb(gateway.pid()), Math::max);
                mediaPeak.accumulateAndGet(heapUsedKb(media.pid()), Math::max);
            }
        });
        String burstRoom = SystemStack.randomRoom("burst");
        List<Future<?>> senders = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            String id = "b-" + i;
            String user = i % 2 == 0 ? "alice" : "bob";
            senders.add(pool.submit(() -> {
                try (WsClient c = stack.connect(stack.gateway(), user, burstRoom)) {
                    c.await("user_list");
                    c.send(frame.replace("\"client_id\":\"x\"", "\"client_id\":\"" + id + "\""));
                    c.await("ack", f -> id.equals(f.path("client_id").asText()), WAIT);
                }
                return null;
            }));
        }
        for (Future<?> s : senders) {
            s.get();
        }
        long burstMs = (System.nanoTime() - start) / 1_000_000;
        sampler.cancel(true);
        pool.shutdownNow();
        System.out.printf("ten photos at once: all acked in %d ms; heap used (KB) gateway %d before, peak %d; "
                + "media-service %d before, peak %d (-Xmx384m, SerialGC)%n", burstMs, gatewayBefore, gatewayPeak.get(),
                mediaBefore, mediaPeak.get());
    }

    private static String frame(byte[] jpeg) throws IOException {
        return WsClient.JSON.writeValueAsString(Map.of("type", "file", "client_id", "x",
                "file_data", "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg)));
    }

    /** Used heap in KB (young and old generations) as jstat reports it. */
    private static long heapUsedKb(long pid) {
        try {
            Process jstat = new ProcessBuilder("jstat", "-gc", Long.toString(pid)).redirectErrorStream(true).start();
            String[] lines = new String(jstat.getInputStream().readAllBytes()).trim().split("\n");
            jstat.waitFor();
            String[] names = lines[0].trim().split("\\s+");
            String[] values = lines[lines.length - 1].trim().split("\\s+");
            double used = 0;
            for (int i = 0; i < names.length; i++) {
                if (List.of("S0U", "S1U", "EU", "OU").contains(names[i])) {
                    used += Double.parseDouble(values[i]);
                }
            }
            return (long) used;
        } catch (IOException | InterruptedException | RuntimeException e) {
            return -1;
        }
    }
}
