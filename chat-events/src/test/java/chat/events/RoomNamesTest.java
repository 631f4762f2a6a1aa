package chat.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The room name rules of docs/PROTOCOL.md, Rooms. */
class RoomNamesTest {

    @Test
    void publicNames() {
        assertTrue(RoomNames.isPublic("lobby"));
        assertTrue(RoomNames.isPublic("a-b_C9"));
        assertFalse(RoomNames.isPublic("private_1_2"));
        assertFalse(RoomNames.isPublic("has space"));
        assertFalse(RoomNames.isPublic(""));
        assertFalse(RoomNames.isPublic("x".repeat(65)));
    }

    @Test
    void privateNames() {
        assertTrue(RoomNames.parsePrivate("private_1_2").orElseThrow().isCanonical());
        assertFalse(RoomNames.parsePrivate("private_2_1").orElseThrow().isCanonical());
        assertFalse(RoomNames.parsePrivate("private_3_3").orElseThrow().isCanonical());
        assertTrue(RoomNames.parsePrivate("private_a_b").isEmpty());
        assertEquals("private_2_10", RoomNames.privateRoom(10, 2));
        assertTrue(RoomNames.isValid("private_2_10"));
        assertTrue(RoomNames.isValid("lobby"));
        assertFalse(RoomNames.isValid("private_10_2"));
        assertFalse(RoomNames.isValid("private_lobby"));
    }

    @Test
    void oneSpellingPerPrivateRoom() {
        assertTrue(RoomNames.parsePrivate("private_01_2").isEmpty());
        assertTrue(RoomNames.parsePrivate("private_1_02").isEmpty());
        assertTrue(RoomNames.parsePrivate("private_0_2").isEmpty());
        assertTrue(RoomNames.parsePrivate("private_+1_2").isEmpty());
        assertTrue(RoomNames.parsePrivate("private_\u0661_2").isEmpty()); // Arabic-Indic digit one
        assertFalse(RoomNames.isValid("private_01_2"));
        assertFalse(RoomNames.isValid("private_1_02"));
        assertTrue(RoomNames.isPrivateLike("private_01_2"));
    }
}
