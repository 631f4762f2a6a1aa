package chat.events;

import chat.events.tracing.StreamTrace;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes and decodes stream entries.
 *
 * <p>Command entries have three fields: {@code type}, {@code v} (schema version) and
 * {@code body} (the record as JSON). Event entries are flat so that a gateway can route
 * them without parsing the frame: {@code type}, {@code v}, {@code room}, {@code seq},
 * {@code frame}, and optionally {@code gw}/{@code conn}/{@code ref} (target connection and the
 * frame answered) or {@code to} (several target connections, as JSON: gateway id to its connection
 * ids), {@code xu} (excluded user) and, on a {@code chat_message}, the sender's
 * {@link RoomEvent.Ack}: {@code agw}/{@code aconn}/{@code aref} (its connection and frame),
 * {@code acid} (its {@code client_id}, absent when null) and {@code mid} (the message id). Both
 * kinds may carry {@code traceparent} (W3C trace context, see {@link StreamTrace}).
 */
public final class StreamCodec {

    /** Version written into every entry; readers refuse entries of a version they do not know. */
    public static final String VERSION = "1";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** One reader per command type, built once: resolving the type on every entry showed in profiles. */
    private static final Map<String, ObjectReader> COMMAND_READERS = Map.of(
            SendMessage.TYPE, JSON.readerFor(SendMessage.class),
            MarkRead.TYPE, JSON.readerFor(MarkRead.class),
            PresenceCommand.TYPE, JSON.readerFor(PresenceCommand.class),
            MediaUpload.TYPE, JSON.readerFor(MediaUpload.class));

    /** The {@code to} field of an event for several connections: gateway id to connection ids. */
    private static final ObjectReader TARGETS_READER = JSON.readerFor(new TypeReference<Map<String, List<String>>>() {
    });

    private StreamCodec() {
    }

    public static Map<String, String> encode(Command command) {
        return encode(command, null);
    }

    /** A command entry carrying the W3C trace context of its publication (none when null). */
    public static Map<String, String> encode(Command command, String traceparent) {
        try {
            String body = JSON.writeValueAsString(command);
            return traceparent == null
                    ? Map.of("type", command.type(), "v", VERSION, "body", body)
                    : Map.of("type", command.type(), "v", VERSION, "body", body, StreamTrace.FIELD, traceparent);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + command.type(), e);
        }
    }

    /**
     * Decodes a command entry.
     *
     * @throws MalformedEntryException when the entry is not a command this version knows
     */
    public static Command decodeCommand(Map<String, String> fields) {
        String type = fields.get("type");
        if (!VERSION.equals(fields.get("v"))) {
            throw new MalformedEntryException("unknown entry version");
        }
        ObjectReader reader = COMMAND_READERS.get(type == null ? "" : type);
        if (reader == null) {
            throw new MalformedEntryException("unknown command type");
        }
        String body = fields.get("body");
        if (body == null) {
            throw new MalformedEntryException(type + " without a body");
        }
        try {
            return reader.readValue(body);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // the message names the entry and the field, never the parser's text (class names, library)
            throw new MalformedEntryException("undecodable " + type + " body" + where(e), e);
        }
    }

    public static Map<String, String> encode(RoomEvent event) {
        Map<String, String> fields = new HashMap<>(16);
        fields.put("type", event.type());
        fields.put("v", VERSION);
        fields.put("room", event.room());
        fields.put("seq", Long.toString(event.seq()));
        fields.put("frame", event.frame());
        if (event.target() != null) {
            fields.put("gw", event.target().gatewayId());
            fields.put("conn", event.target().connectionId());
            if (event.target().frameRef() != null) {
                fields.put("ref", event.target().frameRef());
            }
        }
        if (!event.targets().isEmpty()) {
            fields.put("to", encodeTargets(event.targets()));
        }
        if (event.excludeUserId() != 0) {
            fields.put("xu", Long.toString(event.excludeUserId()));
        }
        if (event.ack() != null) {
            RoomEvent.Ack ack = event.ack();
            fields.put("agw", ack.to().gatewayId());
            fields.put("aconn", ack.to().connectionId());
            if (ack.to().frameRef() != null) {
                fields.put("aref", ack.to().frameRef());
            }
            if (ack.clientId() != null) {
                fields.put("acid", ack.clientId());
            }
            fields.put("mid", Long.toString(ack.messageId()));
        }
        if (event.traceparent() != null) {
            fields.put(StreamTrace.FIELD, event.traceparent());
        }
        return fields;
    }

    /**
     * Decodes an event entry.
     *
     * @throws MalformedEntryException when the entry is not an event this version knows
     */
    public static RoomEvent decodeEvent(Map<String, String> fields) {
        if (!VERSION.equals(fields.get("v"))) {
            throw new MalformedEntryException("unknown entry version");
        }
        String type = fields.get("type");
        String room = fields.get("room");
        String frame = fields.get("frame");
        if (type == null || room == null || frame == null) {
            throw new MalformedEntryException("event without type, room or frame");
        }
        try {
            long seq = Long.parseLong(fields.getOrDefault("seq", "0"));
            long excluded = Long.parseLong(fields.getOrDefault("xu", "0"));
            String gw = fields.get("gw");
            Origin target = gw == null ? null : new Origin(gw, fields.get("conn"), fields.get("ref"));
            // kept as written: a malformed trace context is ignored where it is used, never refused here
            return new RoomEvent(type, room, seq, frame, target, excluded, fields.get(StreamTrace.FIELD),
                    decodeAck(fields), decodeTargets(fields.get("to")));
        } catch (NumberFormatException e) {
            throw new MalformedEntryException("event with a non-numeric seq, user or message id", e);
        }
    }

    /** Grouped by gateway, so that each gateway finds its connections under its own id. */
    private static String encodeTargets(List<Origin> targets) {
        Map<String, List<String>> byGateway = new LinkedHashMap<>();
        for (Origin target : targets) {
            byGateway.computeIfAbsent(target.gatewayId(), gw -> new ArrayList<>()).add(target.connectionId());
        }
        return jsonText(byGateway);
    }

    private static List<Origin> decodeTargets(String to) {
        if (to == null) {
            return List.of();
        }
        Map<String, List<String>> byGateway;
        try {
            byGateway = TARGETS_READER.readValue(to);
        } catch (JsonProcessingException e) {
            throw new MalformedEntryException("event with undecodable targets", e);
        }
        List<Origin> targets = new ArrayList<>();
        byGateway.forEach((gw, connections) -> {
            if (gw == null || connections == null || connections.contains(null)) {
                throw new MalformedEntryException("event with a target without gateway or connection");
            }
            connections.forEach(connection -> targets.add(new Origin(gw, connection)));
        });
        return targets;
    }

    private static RoomEvent.Ack decodeAck(Map<String, String> fields) {
        String gw = fields.get("agw");
        if (gw == null) {
            return null;
        }
        String conn = fields.get("aconn");
        String messageId = fields.get("mid");
        if (conn == null || messageId == null) {
            throw new MalformedEntryException("event with an ack but no connection or message id");
        }
        return new RoomEvent.Ack(new Origin(gw, conn, fields.get("aref")), fields.get("acid"),
                Long.parseLong(messageId));
    }

    /** The field path of a body that did not decode ({@code " in field origin.gatewayId"}), if known. */
    private static String where(Exception e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return "";
        }
        StringBuilder path = new StringBuilder(" in field ");
        for (JsonMappingException.Reference step : mapping.getPath()) {
            String name = step.getFieldName() != null && step.getFieldName().matches("[A-Za-z_]{1,40}")
                    ? step.getFieldName()
                    : "[" + Math.max(0, step.getIndex()) + "]";
            path.append(path.length() > 10 ? "." : "").append(name);
        }
        return path.toString();
    }

    /** The shared JSON mapper for stream bodies (thread-safe once configured). */
    public static ObjectMapper json() {
        return JSON;
    }

    /** A value of the wire contract (a frame, an error body) as JSON text. */
    public static String jsonText(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }
}
