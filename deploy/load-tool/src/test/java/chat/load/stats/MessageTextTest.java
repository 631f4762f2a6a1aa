package chat.load.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A message's identity survives the text and the client id, and others' texts are not ours. */
class MessageTextTest {

    private final MessageText ids = new MessageText("ab12");

    @Test
    void textCarriesSenderNumberTimeAndPhase() {
        String text = ids.text(4711, 42, 1_700_000_000_123_456L, true, 64);
        assertEquals(64, text.length());
        assertEquals(new MessageText.Id(4711, 42, 1_700_000_000_123_456L, true), ids.parseText(text));
        assertEquals(false, ids.parseText(ids.text(1, 2, 3, false, 10)).measured());
        assertTrue(ids.text(1, 2, 3, true, 10).length() > 10, "a small payload size never cuts the identity");
    }

    @Test
    void clientIdCarriesSenderAndNumber() {
        String clientId = ids.clientId(19_999, 12_345);
        assertTrue(clientId.length() <= 64);
        assertArrayEquals(new int[]{19_999, 12_345}, ids.parseClientId(clientId));
    }

    @Test
    void othersTextsAndIdsAreNotOurs() {
        assertNull(ids.parseText("hello"));
        assertNull(ids.parseText(new MessageText("zz9").text(1, 2, 3, true, 64)));
        assertNull(ids.parseText("lt:ab12:1:x:3:m:"));
        assertNull(ids.parseClientId(null));
        assertNull(ids.parseClientId("ab12-"));
        assertNull(ids.parseClientId("ab123-1-2"));
    }
}
