package chat.load.observe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What the load tool reads from the gateway itself: its live heap after a forced full GC
 * ({@code jcmd <pid> GC.run}, then {@code jvm_memory_used_bytes{area="heap"}} summed over the
 * pools from the management port, service port + 1000), and whether {@code /q/health/ready} answers 200.
 */
public final class GatewayProbe {

    private final URI gateway;
    private final URI metrics;
    private final Long pid;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public GatewayProbe(URI gateway, Long pid) {
        this.gateway = gateway;
        this.pid = pid;
        int port = gateway.getPort() < 0 ? 80 : gateway.getPort();
        this.metrics = URI.create(gateway.getScheme() + "://" + gateway.getHost() + ":" + (port + 1000) + "/q/metrics");
    }

    public boolean canMeasureHeap() {
        return pid != null;
    }

    /** Live heap bytes after a full collection (two in a row: the first may leave finalizable garbage). */
    public long heapAfterGc() {
        if (pid == null) {
            throw new IllegalStateException("no gateway pid: --gateway-pid or --gateway-pidfile");
        }
        jcmdGc();
        jcmdGc();
        return heapUsed();
    }

    private void jcmdGc() {
        try {
            Process p = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(
                        "jcmd " + pid + " GC.run failed (is " + pid + " the gateway's JVM, run by this user?)");
            }
        } catch (IOException e) {
            throw new IllegalStateException("jcmd not runnable (a JDK's bin on PATH is needed): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sum of {@code jvm_memory_used_bytes{area="heap",...}} at the management port. */
    public long heapUsed() {
        String body = get(metrics, Duration.ofSeconds(15)); // a busy gateway renders its metrics slowly
        if (body == null) {
            throw new IllegalStateException("gateway metrics at " + metrics + " unreachable");
        }
        return parseHeapUsed(body);
    }

    static long parseHeapUsed(String prometheusText) {
        double sum = 0;
        boolean found = false;
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        if (!found) {
            throw new IllegalStateException("no jvm_memory_used_bytes{area=\"heap\"} in the gateway's metrics");
        }
        return (long) sum;
    }

    public boolean ready() {
        return get(gateway.resolve("/q/health/ready"), Duration.ofSeconds(1)) != null;
    }

    /**
     * Milliseconds until {@code /q/health/ready} answers 200 within one second, polled every 100
     * ms for at most {@code maxSeconds}; -1 if it never did.
     */
    public long millisUntilReady(double maxSeconds) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + (long) (maxSeconds * 1e9);
        while (System.nanoTime() < deadline) {
            if (ready()) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(100);
        }
        return -1;
    }

    private String get(URI uri, Duration timeout) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
