package chat.load.report;

import chat.load.config.LoadOptions;
import chat.load.stats.Histograms;
import chat.load.stats.WorkerResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The figures of a run as one JSON document ({@code --out}): configuration, connections,
 * messages (loss, duplicates, order, rates over the measured window), latency percentiles,
 * CPU and the gateway's heap. Figures that do not apply (ack latency from a server without
 * acks, heap without a gateway pid) are absent, not zero.
 */
public final class RunReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode root = JSON.createObjectNode();

    public RunReport(LoadOptions o, WorkerResult r, Instant startedAt) {
        root.put("tool", "chat-load-tool").put("version", 2).put("label", o.label).put("run_id", o.runId)
                .put("started_at", startedAt.toString()).put("mode", o.mode.label());
        ObjectNode config = root.putObject("config");
        config.put("url_template", o.urlTemplate).put("room_prefix", o.roomPrefix).put("rooms", o.rooms)
                .put("clients_per_room", o.clientsPerRoom).put("connections", o.totalConnections())
                .put("senders_per_room", o.sendersPerRoom).put("senders", o.totalSenders()).put("rate", o.rate)
                .put("offered_messages_per_second", o.totalSenders() * o.rate)
                .put("offered_deliveries_per_second", o.totalSenders() * o.rate * o.clientsPerRoom)
                .put("payload_bytes", o.payloadBytes).put("warmup_s", o.warmupSeconds)
                .put("duration_s", o.durationSeconds)
                .put("drain_s", o.drainSeconds).put("hold_s", o.holdSeconds)
                .put("auth", o.keycloakAuth ? "keycloak" : "none")
                .put("acks", o.expectAcks).put("processes", o.processes)
                .put("source_addresses", o.sourceAddresses.size())
                .put("connect_concurrency", o.connectConcurrency);

        ObjectNode connections = root.putObject("connections");
        double connectSeconds = Math.max(1e-3, (r.connectEndMicros - r.connectStartMicros) / 1e6);
        connections.put("attempted", r.connectionsAttempted).put("opened", r.connectionsOpened)
                .put("failed", r.connectionsAttempted - r.connectionsOpened)
                .put("connect_seconds", round(connectSeconds))
                .put("connections_per_second", round(r.connectionsOpened / connectSeconds))
                .put("unexpected_closes", r.unexpectedCloses);
        connections.set("failures", JSON.valueToTree(r.connectFailures));
        connections.set("close_codes", JSON.valueToTree(r.closeCodes));
        putSummary(connections, "handshake_ms", r.handshakeLatency);

        if (o.mode != chat.load.config.Mode.CONNECT) {
            messages(o, r);
        }
        root.set("frames_by_type", JSON.valueToTree(r.framesByType));
        putSummary(root.putObject("tool_lag"), "pacing_lag_ms", r.pacingLag);
    }

    private void messages(LoadOptions o, WorkerResult r) {
        boolean acks = o.expectAcks;
        ObjectNode m = root.putObject("messages");
        double window = Math.max(o.durationSeconds,
                (Math.max(r.lastDeliveryMicros, r.lastAckMicros) - r.firstSendMicros) / 1e6);
        long expected = r.expectedDeliveries(acks);
        long lost = r.lostDeliveries(acks);
        m.put("sent", r.sentMeasured).put("sent_per_second", round(r.sentMeasured / o.durationSeconds))
                .put("sent_warmup", r.sentWarmup).put("send_failures", r.sendFailures);
        if (acks) {
            double ackWindow = Math.max(o.durationSeconds, (r.lastAckMicros - r.firstSendMicros) / 1e6);
            m.put("acked", r.acked).put("acked_per_second", round(r.acked / ackWindow))
                    .put("unanswered", Math.max(0, r.sentMeasured - r.acked - r.errorsMeasured))
                    .put("errors_measured", r.errorsMeasured).put("unmatched_answers", r.unmatchedAnswers);
        }
        m.set("errors", JSON.valueToTree(r.errorsByCode));
        m.put("expected_deliveries", expected).put("deliveries", r.stableDeliveries()).put("lost_deliveries", lost)
                .put("loss_pct", expected == 0 ? 0 : round(100.0 * lost / expected, 4))
                .put("duplicates", r.duplicates).put("out_of_order", r.outOfOrder).put("cross_room", r.crossRoom)
                .put("foreign_chat_frames", r.foreignChat)
                .put("window_s", round(window))
                .put("stored_and_delivered_per_second", round(r.deliveredMessages(acks) / window))
                .put("deliveries_per_second", round(r.stableDeliveries() / window));
        // clean: every measured message answered (with acks) and every owed delivery made, once, in order;
        // a run that is not clean has no trustworthy rate, whatever its percentiles say
        java.util.List<String> problems = new java.util.ArrayList<>();
        long unanswered = acks ? Math.max(0, r.sentMeasured - r.acked - r.errorsMeasured) : 0;
        if (unanswered > 0) {
            problems.add(unanswered + " unanswered");
        }
        if (r.errorsMeasured > 0) {
            problems.add(r.errorsMeasured + " refused");
        }
        if (lost > 0) {
            problems.add(lost + " deliveries lost");
        }
        if (r.duplicates > 0 || r.outOfOrder > 0 || r.crossRoom > 0) {
            problems.add(
                    r.duplicates + " duplicates, " + r.outOfOrder + " out of order, " + r.crossRoom + " cross-room");
        }
        if (r.sentMeasured == 0) {
            problems.add("nothing sent");
        }
        m.put("clean", problems.isEmpty());
        m.set("problems", JSON.valueToTree(problems));
        ObjectNode latency = root.putObject("latency_ms");
        if (acks) {
            putSummary(latency, "ack", r.ackLatency);
        }
        putSummary(latency, "delivery", r.deliveryLatency);
    }

    public void putGateway(String key, Object value) {
        ObjectNode gateway = root.has("gateway") ? (ObjectNode) root.get("gateway") : root.putObject("gateway");
        gateway.set(key, JSON.valueToTree(value));
    }

    public void putCpu(String phase, Map<String, Object> cpu) {
        ObjectNode node = root.has("cpu_pct_of_one_core")
                ? (ObjectNode) root.get("cpu_pct_of_one_core")
                : root.putObject("cpu_pct_of_one_core");
        node.set(phase, JSON.valueToTree(cpu));
    }

    public void putAccounts(int users, int logins, int refreshes) {
        root.putObject("accounts").put("users", users).put("logins", logins).put("refreshes", refreshes);
    }

    public ObjectNode json() {
        return root;
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        JSON.writeValue(file.toFile(), root);
    }

    private static void putSummary(ObjectNode into, String key, String encoded) {
        Map<String, Object> summary = Histograms.summaryMillis(Histograms.decode(encoded));
        if (summary != null) {
            into.set(key, JSON.valueToTree(summary));
        }
    }

    private static double round(double v) {
        return round(v, 1);
    }

    private static double round(double v, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(v * scale) / scale;
    }
}
