package chat.load.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The human summary of a {@link RunReport}: one line per aspect, the same figures as the JSON. */
public final class Summary {

    private Summary() {
    }

    public static String of(JsonNode r) {
        List<String[]> rows = new ArrayList<>();
        JsonNode c = r.path("config");
        rows.add(row("run", r.path("mode").asText() + " " + r.path("run_id").asText()
                + (r.path("label").asText().isEmpty() ? "" : " (" + r.path("label").asText() + ")")));
        rows.add(row("workload", String.format("%d room(s) x %d clients, %d senders x %s msgs/s, %d B, %s auth%s",
                c.path("rooms").asInt(), c.path("clients_per_room").asInt(), c.path("senders").asInt(),
                c.path("rate").asText(), c.path("payload_bytes").asInt(), c.path("auth").asText(),
                c.path("processes").asInt() > 1 ? ", " + c.path("processes").asInt() + " processes" : "")));
        if (c.path("senders").asInt() > 0) {
            rows.add(row("offered", String.format("%,.0f msgs/s, %,.0f deliveries/s",
                    c.path("offered_messages_per_second").asDouble(),
                    c.path("offered_deliveries_per_second").asDouble())));
        }
        JsonNode k = r.path("connections");
        rows.add(row("connections",
                String.format("opened %,d/%,d in %.2f s (%,.0f/s), failed %d %s, unexpected closes %d %s, handshake %s",
                        k.path("opened").asLong(), k.path("attempted").asLong(), k.path("connect_seconds").asDouble(),
                        k.path("connections_per_second").asDouble(), k.path("failed").asLong(), k.path("failures"),
                        k.path("unexpected_closes").asLong(), k.path("close_codes"),
                        percentiles(k.path("handshake_ms")))));
        JsonNode m = r.path("messages");
        if (!m.isMissingNode()) {
            rows.add(row("messages", String.format("sent %,d (%,.0f/s) + %,d warm-up%s, errors %s, send failures %d",
                    m.path("sent").asLong(), m.path("sent_per_second").asDouble(), m.path("sent_warmup").asLong(),
                    m.has("acked")
                            ? String.format(", acked %,d (%,.0f/s), unanswered %d", m.path("acked").asLong(),
                                    m.path("acked_per_second").asDouble(), m.path("unanswered").asLong())
                            : " (no acks)",
                    m.path("errors"), m.path("send_failures").asLong())));
            rows.add(row("deliveries", String.format(
                    "expected %,d, received %,d, lost %,d (%s%%), %,.0f deliveries/s, %,.0f msgs/s stored and delivered",
                    m.path("expected_deliveries").asLong(), m.path("deliveries").asLong(),
                    m.path("lost_deliveries").asLong(),
                    m.path("loss_pct").asText(), m.path("deliveries_per_second").asDouble(),
                    m.path("stored_and_delivered_per_second").asDouble())));
            rows.add(row("anomalies", String.format("duplicates %d, out of order %d, cross-room %d",
                    m.path("duplicates").asLong(), m.path("out_of_order").asLong(), m.path("cross_room").asLong())));
            rows.add(row("verdict",
                    m.path("clean").asBoolean()
                            ? "clean: every measured message answered and delivered once, in order"
                            : "NOT CLEAN: " + String.join(", ", strings(m.path("problems")))));
            JsonNode lat = r.path("latency_ms");
            if (lat.has("ack")) {
                rows.add(row("ack ms", percentiles(lat.path("ack"))));
            }
            rows.add(row("delivery ms", percentiles(lat.path("delivery"))));
        }
        JsonNode g = r.path("gateway");
        if (!g.isMissingNode()) {
            rows.add(row("gateway", fields(g)));
        }
        JsonNode cpu = r.path("cpu_pct_of_one_core");
        for (Iterator<Map.Entry<String, JsonNode>> it = cpu.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            rows.add(row("cpu " + e.getKey(), fields(e.getValue()) + " (% of one core)"));
        }
        rows.add(row("tool lag", "pacing " + percentiles(r.path("tool_lag").path("pacing_lag_ms"))));
        int width = rows.stream().mapToInt(x -> x[0].length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String[] x : rows) {
            out.append(String.format("%-" + width + "s  %s%n", x[0], x[1]));
        }
        return out.toString();
    }

    private static String percentiles(JsonNode h) {
        if (h.isMissingNode() || h.isNull()) {
            return "-";
        }
        return String.format("p50 %s  p90 %s  p99 %s  p99.9 %s  max %s (n=%,d)", h.path("p50").asText(),
                h.path("p90").asText(),
                h.path("p99").asText(), h.path("p99_9").asText(), h.path("max").asText(), h.path("count").asLong());
    }

    private static String fields(JsonNode node) {
        StringBuilder s = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            s.append(s.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().asText());
        }
        return s.toString();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static String[] row(String key, String value) {
        return new String[]{key, value};
    }
}
