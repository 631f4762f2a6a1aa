package chat.load.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The fields the accounting reads, from a frame's text or straight from its bytes. */
class IncomingFrameTest {

    private static final String CHAT_MESSAGE = "{\"type\":\"chat_message\",\"room\":\"r\",\"seq\":42,\"client_id\":\"c-1\","
            + "\"user\":{\"id\":7},\"message\":\"h\u00e9llo \u2713\",\"links\":[{\"u\":1}]}";

    @Test
    void readsTheSameFieldsFromTextHeapBytesAndDirectBytes() {
        byte[] utf8 = CHAT_MESSAGE.getBytes(StandardCharsets.UTF_8);
        IncomingFrame expected = new IncomingFrame("chat_message", "c-1", null, "h\u00e9llo \u2713", 42);
        assertEquals(expected, IncomingFrame.parse(CHAT_MESSAGE));
        // a heap buffer read from an offset, as a frame decoded out of a larger read
        byte[] padded = new byte[utf8.length + 10];
        System.arraycopy(utf8, 0, padded, 5, utf8.length);
        Buffer heap = Buffer.buffer(Unpooled.wrappedBuffer(padded, 5, utf8.length));
        assertEquals(expected, IncomingFrame.parse(heap));
        Buffer direct = Buffer.buffer(Unpooled.directBuffer().writeBytes(utf8));
        assertEquals(expected, IncomingFrame.parse(direct));
    }

    @Test
    void anUnparsableFrameIsInvalidJson() {
        assertEquals("invalid-json", IncomingFrame.parse(Buffer.buffer("{\"type\":")).type());
        assertEquals("invalid-json", IncomingFrame.parse("[1]").type());
    }
}
