package chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.stack.ServiceKind;
import chat.stack.ServiceSet;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees: the chat meters on each service's management interface (port + 1000,
 * not on the public port) moving with traffic, and JSON log lines that carry room and user as
 * fields but never what users wrote.
 */
class ObservabilitySystemTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final SystemStack stack = SystemStack.get();

    @Test
    void gatewayMetersMoveWithTrafficOnTheManagementPortOnly() {
        String metricsUrl = ServiceSet.managementUrl(stack.services.port(ServiceKind.GATEWAY)) + "/q/metrics";
        double messagesBefore = value(scrape(metricsUrl), "chat_frames_in_total", "type=\"message\"");
        double rejectedBefore = value(scrape(metricsUrl), "chat_frames_rejected_total", "code=\"bad_frame\"");
        double openedBefore = value(scrape(metricsUrl), "chat_connections_opened_total", "");
        double closedBefore = value(scrape(metricsUrl), "chat_connections_closed_total", "");
        String room = SystemStack.randomRoom("metrics");
        try (WsClient alice = stack.connect(stack.gateway(), "alice", room)) {
            alice.await("user_list", f -> true, WAIT);
            for (int i = 0; i < 3; i++) {
                alice.send(Map.of("type", "message", "message", "m" + i, "client_id", "m-" + i));
                alice.await("ack", f -> true, WAIT);
            }
            alice.messages(3, WAIT);
            alice.send("{not json");
            alice.await("error", f -> "bad_frame".equals(f.path("code").asText()), WAIT);

            String metrics = scrape(metricsUrl);
            assertTrue(value(metrics, "chat_connections_open", "") >= 1, "open connections gauge");
            assertTrue(value(metrics, "chat_upgrades_total", "result=\"accepted\"") >= 1,
                    () -> "accepted upgrades counted: "
                            + metrics.lines().filter(l -> l.startsWith("chat_upgrades")).toList());
            assertTrue(value(metrics, "chat_frames_in_total", "type=\"message\"") >= messagesBefore + 3);
            assertTrue(value(metrics, "chat_frames_rejected_total", "code=\"bad_frame\"") >= rejectedBefore + 1);
            assertTrue(value(metrics, "chat_frames_out_total", "type=\"chat_message\"") >= 3);
            assertTrue(value(metrics, "chat_delivery_latency_seconds_count", "") >= 3, "delivery latency histogram");
            assertTrue(metrics.contains("chat_delivery_latency_seconds_bucket{"),
                    "latency is a histogram (p99 by histogram_quantile)");
            assertTrue(metrics.contains("chat_gap_fills_total"));
            assertTrue(metrics.contains("chat_stalled_readers_dropped_total"));
            assertTrue(value(metrics, "chat_connections_opened_total", "") >= openedBefore + 1, "opened counted");
        }
        // the per-connection log lines are DEBUG in production: these counters tell of opens and closes
        Awaitility.await().atMost(WAIT)
                .until(() -> value(scrape(metricsUrl), "chat_connections_closed_total", "") >= closedBefore + 1);
        // not on the public port: /q/metrics is not served there
        assertEquals(404, Api.get(stack.gateway() + "/q/metrics", null).statusCode());
    }

    @Test
    void everyServiceServesPrometheusMetricsOnItsManagementPort() {
        for (ServiceKind kind : ServiceKind.values()) {
            String metrics = scrape(ServiceSet.managementUrl(stack.services.port(kind)) + "/q/metrics");
            assertTrue(metrics.contains("jvm_memory_used_bytes"), kind.module() + " serves JVM metrics");
        }
        String presence = ServiceSet.managementUrl(stack.services.port(ServiceKind.PRESENCE)) + "/q/metrics";
        Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> value(scrape(presence), "chat_presence_sweeps_total", "") >= 1);
    }

    @Test
    void logLinesAreJsonWithRoomAndUserFieldsAndNoPayload() throws IOException {
        String room = SystemStack.randomRoom("logs");
        String secret = "payload-" + UUID.randomUUID();
        try (WsClient bob = stack.connect(stack.gateway(), "bob", room)) {
            bob.await("user_list", f -> true, WAIT);
            bob.send(Map.of("type", "message", "message", secret, "client_id", "log-1"));
            bob.await("ack", f -> true, WAIT);
        }
        Path log = stack.layout.logDir().resolve("it-gateway.log");
        Awaitility.await().atMost(WAIT).until(() -> Files.readString(log).contains(room));
        List<String> lines = Files.readAllLines(log).stream().filter(l -> l.startsWith("{")).toList();
        assertFalse(lines.isEmpty(), "the gateway logs JSON lines");
        boolean withFields = false;
        for (String line : lines) {
            JsonNode json = WsClient.JSON.readTree(line); // every line is JSON
            JsonNode mdc = json.path("mdc");
            if (room.equals(mdc.path("room").asText()) && !mdc.path("user_id").asText().isEmpty()) {
                withFields = true;
            }
        }
        assertTrue(withFields, "a line of this connection carries room and user_id as fields");
        try (Stream<Path> logs = Files.list(stack.layout.logDir())) {
            for (Path file : logs.filter(f -> f.getFileName().toString().startsWith("it-")).toList()) {
                assertFalse(Files.readString(file).contains(secret), file + " contains a message text");
            }
        }
    }

    @Test
    void dashboardAndAlertsUseMetersTheServicesServe() throws IOException {
        StringBuilder served = new StringBuilder();
        for (ServiceKind kind : ServiceKind.values()) {
            served.append(scrape(ServiceSet.managementUrl(stack.services.port(kind)) + "/q/metrics"));
        }
        Path monitoring = stack.layout.repoRoot().resolve("deploy/monitoring");
        String used = Files.readString(monitoring.resolve("alerts.yaml"))
                + Files.readString(monitoring.resolve("grafana-dashboard.json"));
        Matcher names = Pattern.compile("\\b(chat_[a-z_]+|process_cpu_usage|jvm_memory_used_bytes)\\b").matcher(used);
        while (names.find()) {
            String name = names.group(1).replaceAll("_(bucket|count|sum)$", "");
            assertTrue(served.indexOf("\n" + name) >= 0,
                    name + " is used by deploy/monitoring but served by no service");
        }
    }

    private static String scrape(String url) {
        var response = Api.get(url, null);
        assertEquals(200, response.statusCode(), url);
        return response.body();
    }

    /** Sum of a meter's samples whose labels contain {@code labels} (Prometheus text format). */
    /** The sum of a meter's samples with these labels (a sample may carry an exemplar: "... # {trace_id=...}"). */
    static double value(String metrics, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+|NaN)( # .*)?$")
                .matcher(metrics);
        double sum = 0;
        while (m.find()) {
            if (m.group(1) == null ? labels.isEmpty() : m.group(1).contains(labels)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
