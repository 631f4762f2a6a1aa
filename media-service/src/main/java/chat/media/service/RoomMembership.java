package chat.media.service;

import chat.events.RoomNames;

/**
 * Who may upload to and read the media of a room: anyone for no room or a public room; for a
 * name starting with {@code private_}, only the two users of a canonical {@code private_a_b}
 * (a malformed or unsorted private name has no members at all).
 */
public final class RoomMembership {

    private RoomMembership() {
    }

    /** True when the room's media are for its members only, so the caller's id must be known. */
    public static boolean isRestricted(String room) {
        return RoomNames.isPrivateLike(room);
    }

    /** True when this user may upload to and read the media of this room. */
    public static boolean admits(String room, long userId) {
        if (!isRestricted(room)) {
            return true;
        }
        return RoomNames.parsePrivate(room)
                .filter(RoomNames.PrivatePair::isCanonical)
                .filter(pair -> pair.hasMember(userId))
                .isPresent();
    }
}
