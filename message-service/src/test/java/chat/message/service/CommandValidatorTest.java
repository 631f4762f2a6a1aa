package chat.message.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.events.Origin;
import chat.events.SendMessage;
import chat.events.ErrorFrame;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The consumer's own checks of message commands, without servers. */
class CommandValidatorTest {

    private final CommandValidator validator = new CommandValidator(4000);
    private final Origin origin = new Origin("gw", "c");

    private SendMessage message(String room, long userId, String text, String image, String clientId) {
        return new SendMessage(room, userId, "alice", clientId, "key", text, image, null, origin);
    }

    private String code(SendMessage m) {
        Optional<ErrorFrame> error = validator.check(m);
        return error.map(ErrorFrame::code).orElse("ok");
    }

    @Test
    void acceptsTextMediaAndPrivateMembers() {
        assertEquals("ok", code(message("lobby", 1, "hi", null, "c-1")));
        assertEquals("ok", code(message("lobby", 1, "x".repeat(4000), null, null)));
        assertEquals("ok", code(message("lobby", 1, "\uD83D\uDE00".repeat(4000), null, null))); // 4000 code points
        assertEquals("ok", code(message("lobby", 1, "", "/api/media/abc", null)));
        assertEquals("ok", code(message("lobby", 1, null, "https://chat.example/api/media/abc", null)));
        assertEquals("ok", code(message("private_1_2", 2, "hi", null, null)));
    }

    @Test
    void refusesWhatTheProtocolRefuses() {
        assertEquals("too_large", code(message("lobby", 1, "x".repeat(4001), null, null)));
        assertEquals("bad_frame", code(message("bad room", 1, "hi", null, null)));
        assertEquals("bad_frame", code(message("private_2_1", 1, "hi", null, null)));
        assertEquals("forbidden", code(message("private_2_3", 1, "hi", null, null)));
        assertEquals("bad_frame", code(message("lobby", 1, " \n ", null, null)));
        assertEquals("bad_frame", code(message("lobby", 0, "hi", null, null)));
        assertEquals("bad_frame", code(message("lobby", 1, "hi", null, "c".repeat(65))));
        assertEquals("bad_frame", code(message("lobby", 1, "", "javascript:alert(1)", null)));
        assertEquals("bad_frame", code(message("lobby", 1, "", "https://evil.example/x.png", null)));
    }

    @Test
    void refusesControlCharactersThatCouldNotBeStored() {
        assertEquals("bad_frame", code(message("lobby", 1, "a\u0000b", null, null)));
        assertEquals("bad_frame", code(message("lobby", 1, "hi", null, "c\u0000")));
        assertEquals("bad_frame", code(message("lobby", 1, "\u001b[2J", null, null)));
        assertEquals("bad_frame", code(message("private_01_2", 2, "hi", null, null)));
        assertEquals("ok", code(message("lobby", 1, "tab\tand\nnewline", null, null)));
    }

    @Test
    void mediaUrlsMustBeUnderApiMedia() {
        assertTrue(CommandValidator.isMediaUrl(null));
        assertTrue(CommandValidator.isMediaUrl("/api/media/0b3c"));
        assertFalse(CommandValidator.isMediaUrl("/api/media/"));
        assertFalse(CommandValidator.isMediaUrl("/api/media/../users"));
        assertFalse(CommandValidator.isMediaUrl("//evil.example/api/media/x"));
        assertFalse(CommandValidator.isMediaUrl("ftp://host/api/media/x"));
    }
}
