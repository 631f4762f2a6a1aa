package chat.media.service;

import chat.events.ErrorCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Parsing of the data URLs that WebSocket media frames carry. */
class DataUrlTest {

    @Test
    void splitsDeclaredTypeAndPayloadAndDecodes() {
        byte[] bytes = {1, 2, 3, 4, 5};
        DataUrl url = DataUrl.parse("data:audio/webm;codecs=opus;base64," + Base64.getEncoder().encodeToString(bytes));
        assertEquals("audio/webm", url.declaredType());
        assertEquals(5, url.decodedLength());
        assertArrayEquals(bytes, url.decode());
    }

    @Test
    void decodedLengthIsExactWithPadding() {
        for (int n = 0; n < 10; n++) {
            DataUrl url = DataUrl.parse("data:image/png;base64," + Base64.getEncoder().encodeToString(new byte[n]));
            assertEquals(n, url.decodedLength());
        }
    }

    @Test
    void malformedUrlsAreBadFrames() {
        for (String bad : new String[]{null, "", "hello", "data:image/png,abc", "data:image/png;base64",
                "http://x/y.png", "data:;base64,@@@@"}) {
            MediaRejected e = assertThrows(MediaRejected.class, () -> DataUrl.parse(bad).decode());
            assertEquals(ErrorCode.BAD_FRAME, e.code());
        }
    }
}
