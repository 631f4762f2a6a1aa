package chat.load.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The fields of a server frame the accounting needs, read with Jackson's streaming parser (no
 * tree per frame: a fan-out run parses hundreds of thousands of frames a second).
 *
 * @param type     {@code type}, or null
 * @param clientId {@code client_id} (acks, errors, chat messages)
 * @param code     {@code code} of an error
 * @param message  {@code message} text of a chat message
 * @param seq      {@code seq}, or -1 when absent (a server without per-room sequence numbers)
 */
public record IncomingFrame(String type, String clientId, String code, String message, long seq) {

    private static final JsonFactory JSON = new JsonFactory();

    /** Parses one frame; an unparsable one comes back with type {@code invalid-json}. */
    public static IncomingFrame parse(String raw) {
        byte[] utf8 = raw.getBytes(StandardCharsets.UTF_8);
        return parse(utf8, 0, utf8.length);
    }

    /** Parses one frame's bytes (UTF-8) without copying them when they are on the heap. */
    public static IncomingFrame parse(Buffer frame) {
        ByteBuf bytes = frame.getByteBuf();
        if (bytes.hasArray()) {
            return parse(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
        }
        byte[] copy = frame.getBytes();
        return parse(copy, 0, copy.length);
    }

    private static IncomingFrame parse(byte[] utf8, int offset, int length) {
        String type = null;
        String clientId = null;
        String code = null;
        String message = null;
        long seq = -1;
        try (JsonParser p = JSON.createParser(utf8, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new IncomingFrame("invalid-json", null, null, null, -1);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                switch (field) {
                    case "type" -> type = p.getValueAsString();
                    case "client_id" -> clientId = value == JsonToken.VALUE_NULL ? null : p.getValueAsString();
                    case "code" -> code = p.getValueAsString();
                    case "message" -> message = p.getValueAsString();
                    case "seq" -> seq = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            return new IncomingFrame("invalid-json", null, null, null, -1);
        }
        return new IncomingFrame(type, clientId, code, message, seq);
    }

    /** A text message frame: the seed form {@code {"message": ...}}, with a client id when acks are expected. */
    public static String messageFrame(String text, String clientId) {
        // texts and client ids of the load tool are ASCII letters, digits, ':' and '-': nothing to escape
        return clientId == null
                ? "{\"message\":\"" + text + "\"}"
                : "{\"type\":\"message\",\"client_id\":\"" + clientId + "\",\"message\":\"" + text + "\"}";
    }
}
