package chat.gateway.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pre-encoded frames are what a WebSocket client decodes back to the same text, at every length class. */
class TextFrameEncoderTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 120, 125, 126, 127, 1000, 65_535, 65_536, 200_000})
    void aClientDecodesTheSameText(int length) {
        // exactly `length` bytes of UTF-8: ASCII, or two-byte characters and one ASCII for odd lengths
        String json = length % 2 == 0 ? "x".repeat(length) : "é".repeat(length / 2) + "x";
        ByteBuf encoded = TextFrameEncoder.encode(json);
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket08FrameDecoder(false, false, 1 << 22));
        assertTrue(client.writeInbound(encoded));
        TextWebSocketFrame frame = client.readInbound();
        try {
            assertTrue(frame.isFinalFragment());
            assertEquals(json, frame.text());
        } finally {
            frame.release();
        }
        Object more = client.readInbound();
        assertNull(more, "exactly one frame");
        client.finishAndReleaseAll();
    }
}
