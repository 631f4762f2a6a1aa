package chat.presence.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.presence.service.UserListPacing.Due;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a room's user_list is broadcast, and to whom. */
class UserListPacingTest {

    private static final long INTERVAL = 1000;

    @Test
    void aQuietRoomHearsAtOnceWithoutTheJoinerWhoHasItsOwnList() {
        UserListPacing pacing = new UserListPacing(INTERVAL);
        pacing.changed("r", 7);
        assertEquals(List.of(new Due("r", 7)), pacing.due(0));
        assertEquals(List.of(), pacing.due(1), "nothing changed since");
    }

    @Test
    void changesWithinTheIntervalGiveOneBroadcastAtItsEnd() {
        UserListPacing pacing = new UserListPacing(INTERVAL);
        pacing.changed("r", 7);
        pacing.due(0);
        for (long user = 1; user <= 50; user++) {
            pacing.changed("r", user);
            assertEquals(List.of(), pacing.due(user * 10), "held within the interval");
        }
        assertEquals(List.of(new Due("r", 0)), pacing.due(INTERVAL), "one list for all 50 joins, to everyone");
        assertEquals(List.of(), pacing.due(INTERVAL + 1));
    }

    @Test
    void aLeaveOrSeveralJoinersGoToEveryone() {
        UserListPacing pacing = new UserListPacing(INTERVAL);
        pacing.changed("a", 7);
        pacing.changed("a", 7); // the same user's second tab: still only user 7 new
        pacing.changed("b", 7);
        pacing.changed("b", 0);
        assertEquals(List.of(new Due("a", 7), new Due("b", 0)),
                pacing.due(0).stream().sorted((x, y) -> x.room().compareTo(y.room())).toList());
    }

    @Test
    void quietRoomsAreForgotten() {
        UserListPacing pacing = new UserListPacing(INTERVAL);
        pacing.changed("r", 7);
        pacing.due(0);
        assertEquals(1, pacing.size());
        pacing.due(INTERVAL);
        assertEquals(0, pacing.size(), "nothing to remember about a room quiet for an interval");
        pacing.changed("r", 8);
        assertEquals(List.of(new Due("r", 8)), pacing.due(INTERVAL + 1), "and it hears at once again");
    }

    @Test
    void aBatchTakesOnlyTheRoomsItReadAndTheOthersWait() {
        UserListPacing pacing = new UserListPacing(INTERVAL);
        pacing.changed("read", 7);
        pacing.changed("other", 0);
        assertEquals(List.of(new Due("read", 7)), pacing.due(0, Set.of("read")));
        assertEquals(List.of(new Due("other", 0)), pacing.due(1), "still owed, to the next caller");
    }
}
