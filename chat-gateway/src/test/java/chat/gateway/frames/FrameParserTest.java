package chat.gateway.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import chat.events.MediaUpload;
import chat.gateway.config.GatewayConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Client frames of docs/PROTOCOL.md, Client frames: accepted forms and refusals. */
class FrameParserTest {

    private final FrameParser parser = new FrameParser(new ObjectMapper(), config(1_000_000));

    @Test
    void originalUntypedMessage() {
        ClientFrame.TextMessage text = assertInstanceOf(ClientFrame.TextMessage.class,
                parser.parse("{\"message\":\"hi\"}"));
        assertEquals("hi", text.text());
        assertNull(text.clientId());
    }

    @Test
    void typedMessageWithClientId() {
        ClientFrame.TextMessage text = assertInstanceOf(ClientFrame.TextMessage.class,
                parser.parse(
                        "{\"type\":\"message\",\"message\":\"<b>x</b>\",\"client_id\":\"c-42\",\"username\":\"mallory\"}"));
        assertEquals("<b>x</b>", text.text());
        assertEquals("c-42", text.clientId());
    }

    @Test
    void aMessagePostingUploadedMedia() {
        ClientFrame.MediaPost post = assertInstanceOf(ClientFrame.MediaPost.class,
                parser.parse(
                        "{\"type\":\"message\",\"message\":\"look\",\"media_id\":\"AbC_12\",\"client_id\":\"c-43\"}"));
        assertEquals("AbC_12", post.mediaId());
        assertEquals("look", post.text());
        assertEquals("c-43", post.clientId());
        ClientFrame.MediaPost silent = assertInstanceOf(ClientFrame.MediaPost.class,
                parser.parse("{\"type\":\"message\",\"message\":\"\",\"media_id\":\"AbC_12\"}"));
        assertEquals("", silent.text(), "the text may be empty");
        assertCode("bad_frame", "{\"type\":\"message\",\"media_id\":7}");
        assertCode("bad_frame", "{\"type\":\"message\",\"media_id\":\"\"}");
        assertCode("bad_frame", "{\"type\":\"message\",\"media_id\":\"a\",\"message\":3}");
    }

    @Test
    void otherFrames() {
        assertInstanceOf(ClientFrame.Typing.class, parser.parse("{\"type\":\"typing\"}"));
        assertInstanceOf(ClientFrame.Ping.class, parser.parse("{\"type\":\"ping\"}"));
        assertEquals(123, assertInstanceOf(ClientFrame.MessageRead.class,
                parser.parse("{\"type\":\"message_read\",\"message_id\":123}")).messageId());
        assertEquals(41, assertInstanceOf(ClientFrame.Resume.class,
                parser.parse("{\"type\":\"resume\",\"after_seq\":41}")).afterSeq());
        ClientFrame.Media media = assertInstanceOf(ClientFrame.Media.class,
                parser.parse(
                        "{\"type\":\"file\",\"file_data\":\"data:image/png;base64,AAAA\",\"file_name\":\"cat.png\"}"));
        assertEquals(MediaUpload.Kind.IMAGE, media.kind());
        assertEquals("cat.png", media.fileName());
        assertEquals(MediaUpload.Kind.AUDIO, assertInstanceOf(ClientFrame.Media.class,
                parser.parse("{\"type\":\"audio\",\"file_data\":\"data:audio/webm;base64,AAAA\"}")).kind());
    }

    @Test
    void refusals() {
        assertCode("bad_frame", "{not json");
        assertCode("bad_frame", "[1]");
        assertCode("bad_frame", "\"text\"");
        assertCode("bad_frame", "{\"type\":\"dance\"}");
        assertCode("bad_frame", "{\"type\":7}");
        assertCode("bad_frame", "{\"type\":\"message\"}");
        assertCode("bad_frame", "{\"type\":\"message\",\"message\":5}");
        assertCode("bad_frame", "{\"type\":\"message\",\"message\":\"   \"}");
        assertCode("bad_frame", "{\"type\":\"message\",\"message\":\"x\",\"client_id\":\"" + "c".repeat(65) + "\"}");
        assertCode("bad_frame", "{\"type\":\"message_read\",\"message_id\":\"12\"}");
        assertCode("bad_frame", "{\"type\":\"message_read\",\"message_id\":-1}");
        assertCode("bad_frame", "{\"type\":\"resume\",\"after_seq\":1.5}");
        assertCode("bad_frame", "{\"type\":\"file\",\"file_data\":\"http://x/cat.png\"}");
        assertCode("too_large", "{\"type\":\"message\",\"message\":\"" + "x".repeat(4001) + "\"}");
        assertCode("too_large", "{\"message\":\"" + "x".repeat(200) + "\"}",
                new FrameParser(new ObjectMapper(), config(100)));
    }

    @Test
    void controlCharactersAreRefusedAndTheRefusalEchoesTheClientId() {
        FrameException nul = assertThrows(FrameException.class,
                () -> parser.parse("{\"type\":\"message\",\"message\":\"a\\u0000b\",\"client_id\":\"c-1\"}"));
        assertEquals("bad_frame", nul.code().wire());
        assertEquals("c-1", nul.clientId());
        assertCode("bad_frame", "{\"message\":\"esc \\u001b[2J\"}");
        assertCode("bad_frame", "{\"message\":\"del \\u007f\"}");
        assertCode("bad_frame", "{\"message\":\"half \\ud83d emoji\"}");
        FrameException badId = assertThrows(FrameException.class,
                () -> parser.parse("{\"type\":\"message\",\"message\":\"hi\",\"client_id\":\"c\\u0000\"}"));
        assertEquals("bad_frame", badId.code().wire());
        assertNull(badId.clientId()); // an unusable id is not echoed
        assertEquals("tab\tnew\nline", assertInstanceOf(ClientFrame.TextMessage.class,
                parser.parse("{\"message\":\"tab\\tnew\\nline\"}")).text());
        FrameException tooLong = assertThrows(FrameException.class,
                () -> parser.parse(
                        "{\"type\":\"message\",\"message\":\"" + "x".repeat(4001) + "\",\"client_id\":\"c-2\"}"));
        assertEquals("c-2", tooLong.clientId());
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDE00".repeat(4000); // 4000 characters, 8000 UTF-16 units
        ClientFrame frame = new FrameParser(new ObjectMapper(), config(1_000_000))
                .parse("{\"message\":\"" + emoji + "\"}");
        assertInstanceOf(ClientFrame.TextMessage.class, frame);
    }

    private void assertCode(String code, String raw) {
        assertCode(code, raw, parser);
    }

    private static void assertCode(String code, String raw, FrameParser parser) {
        assertEquals(code, assertThrows(FrameException.class, () -> parser.parse(raw)).code().wire(), raw);
    }

    /** Configuration with the defaults of GatewayConfig, and a given frame limit. */
    static GatewayConfig config(int maxFrameBytes) {
        GatewayConfig.Gateway gateway = (GatewayConfig.Gateway) Proxy.newProxyInstance(
                FrameParserTest.class.getClassLoader(), new Class<?>[]{GatewayConfig.Gateway.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "maxTextLength" -> 4000;
                    case "maxFrameBytes" -> maxFrameBytes;
                    case "maxClientIdLength" -> 64;
                    case "allowedOrigins" -> Optional.of(List.of());
                    case "gapTimeout", "heartbeatInterval" -> Duration.ofSeconds(1);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (GatewayConfig) Proxy.newProxyInstance(FrameParserTest.class.getClassLoader(),
                new Class<?>[]{GatewayConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("gateway")) {
                        return gateway;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
