package chat.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which characters user text may hold (docs/PROTOCOL.md, What text may hold). */
class TextRulesTest {

    @Test
    void ordinaryTextTabsAndNewlinesAndEmojiPass() {
        assertTrue(TextRules.isAcceptable(null));
        assertTrue(TextRules.isAcceptable(""));
        assertTrue(TextRules.isAcceptable("hi\tthere\r\nnext line"));
        assertTrue(TextRules.isAcceptable("caf\u00e9 \ud83d\ude00 \u4f60\u597d"));
    }

    @Test
    void controlCharactersAndBrokenSurrogatesAreRefused() {
        assertFalse(TextRules.isAcceptable("a\u0000b"));
        assertFalse(TextRules.isAcceptable("\u0001"));
        assertFalse(TextRules.isAcceptable("bell\u0007"));
        assertFalse(TextRules.isAcceptable("esc\u001b[31m"));
        assertFalse(TextRules.isAcceptable("del\u007f"));
        assertFalse(TextRules.isAcceptable("lone high \ud83d"));
        assertFalse(TextRules.isAcceptable("\ud83d x"));
        assertFalse(TextRules.isAcceptable("lone low \ude00"));
    }
}
