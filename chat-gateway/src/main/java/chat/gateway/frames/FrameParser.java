package chat.gateway.frames;

import chat.events.ErrorCode;
import chat.events.MediaUpload;
import chat.events.TextRules;
import chat.gateway.config.GatewayConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a client's text frame into a {@link ClientFrame}, or refuses it with a
 * {@link FrameException} ({@code bad_frame}, {@code too_large}) that carries the frame's
 * {@code client_id} when it had a valid one. Never trusts identity fields in a frame: they are
 * ignored. Text with control characters never gets past here (PostgreSQL could not store it).
 */
@ApplicationScoped
public class FrameParser {

    private static final int MAX_MEDIA_ID = 64;

    private final ObjectMapper json;
    private final GatewayConfig.Gateway limits;

    public FrameParser(ObjectMapper json, GatewayConfig config) {
        this.json = json;
        this.limits = config.gateway();
    }

    public ClientFrame parse(String raw) {
        if (raw.length() > limits.maxFrameBytes()) {
            throw new FrameException(ErrorCode.TOO_LARGE, "frame larger than " + limits.maxFrameBytes() + " bytes");
        }
        JsonNode frame;
        try {
            frame = json.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new FrameException(ErrorCode.BAD_FRAME, "frame is not valid JSON");
        }
        if (frame == null || !frame.isObject()) {
            throw new FrameException(ErrorCode.BAD_FRAME, "frame must be a JSON object");
        }
        String clientId = validClientIdOrNull(frame);
        try {
            return parseObject(frame);
        } catch (FrameException e) {
            throw e.withClientId(clientId);
        }
    }

    private ClientFrame parseObject(JsonNode frame) {
        JsonNode type = frame.get("type");
        if (type == null || type.isNull()) {
            if (frame.has("message")) {
                return text(frame, false); // the original client's form: {"message": "hi"}
            }
            throw new FrameException(ErrorCode.BAD_FRAME, "frame has no type");
        }
        if (!type.isTextual()) {
            throw new FrameException(ErrorCode.BAD_FRAME, "type must be a string");
        }
        return switch (type.asText()) {
            case "message" -> text(frame, true);
            case "typing" -> new ClientFrame.Typing();
            case "message_read" -> new ClientFrame.MessageRead(positiveLong(frame, "message_id"));
            case "file" -> media(frame, MediaUpload.Kind.IMAGE);
            case "audio" -> media(frame, MediaUpload.Kind.AUDIO);
            case "resume" -> new ClientFrame.Resume(nonNegativeLong(frame, "after_seq"));
            case "ping" -> new ClientFrame.Ping();
            default -> throw new FrameException(ErrorCode.BAD_FRAME, "unknown frame type");
        };
    }

    private ClientFrame text(JsonNode frame, boolean typed) {
        if (typed && frame.hasNonNull("media_id")) {
            return mediaPost(frame);
        }
        JsonNode message = frame.get("message");
        if (message == null || !message.isTextual()) {
            throw new FrameException(ErrorCode.BAD_FRAME, "message must be a string");
        }
        String text = message.asText();
        if (text.isBlank()) {
            throw new FrameException(ErrorCode.BAD_FRAME, "message is empty");
        }
        if (text.codePointCount(0, text.length()) > limits.maxTextLength()) {
            throw new FrameException(ErrorCode.TOO_LARGE,
                    "message longer than " + limits.maxTextLength() + " characters");
        }
        if (!TextRules.isAcceptable(text)) {
            throw new FrameException(ErrorCode.BAD_FRAME, "message contains control characters");
        }
        return new ClientFrame.TextMessage(text, typed ? clientId(frame) : null);
    }

    /** {@code {"type":"message","media_id":"...","message":"look"}}: media uploaded over HTTP; the text may be empty. */
    private ClientFrame mediaPost(JsonNode frame) {
        JsonNode id = frame.get("media_id");
        if (!id.isTextual() || id.asText().isEmpty() || id.asText().length() > MAX_MEDIA_ID
                || !TextRules.isAcceptable(id.asText())) {
            throw new FrameException(ErrorCode.BAD_FRAME, "media_id must be a media id");
        }
        JsonNode message = frame.get("message");
        if (message != null && !message.isNull() && !message.isTextual()) {
            throw new FrameException(ErrorCode.BAD_FRAME, "message must be a string");
        }
        String text = message == null || message.isNull() ? "" : message.asText();
        if (text.codePointCount(0, text.length()) > limits.maxTextLength()) {
            throw new FrameException(ErrorCode.TOO_LARGE,
                    "message longer than " + limits.maxTextLength() + " characters");
        }
        if (!TextRules.isAcceptable(text)) {
            throw new FrameException(ErrorCode.BAD_FRAME, "message contains control characters");
        }
        return new ClientFrame.MediaPost(id.asText(), text, clientId(frame));
    }

    private ClientFrame media(JsonNode frame, MediaUpload.Kind kind) {
        JsonNode data = frame.get("file_data");
        if (data == null || !data.isTextual() || !data.asText().startsWith("data:")) {
            throw new FrameException(ErrorCode.BAD_FRAME, "file_data must be a data: URL");
        }
        JsonNode name = frame.get("file_name");
        String fileName = name != null && name.isTextual() ? truncate(name.asText(), 255) : null;
        if (!TextRules.isAcceptable(fileName)) {
            throw new FrameException(ErrorCode.BAD_FRAME, "file_name contains control characters");
        }
        return new ClientFrame.Media(kind, data.asText(), fileName, clientId(frame));
    }

    private String clientId(JsonNode frame) {
        JsonNode id = frame.get("client_id");
        if (id == null || id.isNull()) {
            return null;
        }
        if (!id.isTextual() || id.asText().isEmpty() || id.asText().length() > limits.maxClientIdLength()) {
            throw new FrameException(ErrorCode.BAD_FRAME,
                    "client_id must be a string of 1 to " + limits.maxClientIdLength() + " characters");
        }
        if (!TextRules.isAcceptable(id.asText())) {
            throw new FrameException(ErrorCode.BAD_FRAME, "client_id contains control characters");
        }
        return id.asText();
    }

    /** The frame's client id if it is a usable one, so that any refusal can echo it; else null. */
    private String validClientIdOrNull(JsonNode frame) {
        try {
            return clientId(frame);
        } catch (FrameException e) {
            return null;
        }
    }

    private static long positiveLong(JsonNode frame, String field) {
        long value = nonNegativeLong(frame, field);
        if (value == 0) {
            throw new FrameException(ErrorCode.BAD_FRAME, field + " must be positive");
        }
        return value;
    }

    private static long nonNegativeLong(JsonNode frame, String field) {
        JsonNode value = frame.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new FrameException(ErrorCode.BAD_FRAME, field + " must be a non-negative integer");
        }
        return value.asLong();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
