package chat.media.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Who may use a room's media, from the room name alone. */
class RoomMembershipTest {

    @Test
    void noRoomAndPublicRoomsAreOpenToAnyone() {
        for (String room : new String[]{null, "lobby", "a-b_c", "privateish"}) {
            assertFalse(RoomMembership.isRestricted(room), room);
            assertTrue(RoomMembership.admits(room, 42), room);
        }
    }

    @Test
    void aPrivateRoomAdmitsItsTwoMembersOnly() {
        assertTrue(RoomMembership.isRestricted("private_3_17"));
        assertTrue(RoomMembership.admits("private_3_17", 3));
        assertTrue(RoomMembership.admits("private_3_17", 17));
        assertFalse(RoomMembership.admits("private_3_17", 1));
        assertFalse(RoomMembership.admits("private_3_17", 31), "31 is in the text, not a member");
        assertFalse(RoomMembership.admits("private_3_17", 317));
    }

    @Test
    void malformedPrivateNamesAdmitNobody() {
        for (String room : new String[]{"private_17_3", "private_3_3", "private_3", "private_3_17_x", "private_",
                "private_a_b", "private_3_" + "9".repeat(19)}) {
            assertTrue(RoomMembership.isRestricted(room), room);
            assertFalse(RoomMembership.admits(room, 3), room);
            assertFalse(RoomMembership.admits(room, 17), room);
        }
    }
}
