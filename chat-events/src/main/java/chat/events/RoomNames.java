package chat.events;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules for room names (docs/PROTOCOL.md, Rooms), shared by the gateway that checks a path
 * and the services that own rooms.
 */
public final class RoomNames {

    private static final int MAX_NAME = 64;
    private static final Pattern PRIVATE = Pattern.compile("^private_([1-9][0-9]{0,17})_([1-9][0-9]{0,17})$");
    public static final String PRIVATE_PREFIX = "private_";

    private RoomNames() {
    }

    /** The two member ids of a private room, in name order. */
    public record PrivatePair(long first, long second) {

        /** True when the ids are distinct and sorted, i.e. the one canonical name of the pair. */
        public boolean isCanonical() {
            return first < second;
        }

        public boolean hasMember(long userId) {
            return userId == first || userId == second;
        }
    }

    /** True for a valid public room name. */
    public static boolean isPublic(String room) {
        return room != null && isName(room) && !room.startsWith(PRIVATE_PREFIX);
    }

    /** {@code [A-Za-z0-9_-]{1,64}}, checked by hand: it runs for every message command. */
    private static boolean isName(String room) {
        int n = room.length();
        if (n == 0 || n > MAX_NAME) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = room.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** True for a room that may exist: a public name, or the canonical {@code private_a_b} of two users. */
    public static boolean isValid(String room) {
        return isPublic(room) || parsePrivate(room).map(PrivatePair::isCanonical).orElse(false);
    }

    /** True when the name claims to be a private room, whether well-formed or not. */
    public static boolean isPrivateLike(String room) {
        return room != null && room.startsWith(PRIVATE_PREFIX);
    }

    /**
     * The member ids of a {@code private_a_b} name, or empty when it is not of that shape. Ids are
     * decimal without sign or leading zero, so that exactly one spelling names a room
     * ({@code private_01_2} is not {@code private_1_2}: it is no room at all).
     */
    public static Optional<PrivatePair> parsePrivate(String room) {
        if (room == null || room.length() > 64) {
            return Optional.empty();
        }
        Matcher m = PRIVATE.matcher(room);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new PrivatePair(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
    }

    /** The canonical private room name of two users. */
    public static String privateRoom(long a, long b) {
        return PRIVATE_PREFIX + Math.min(a, b) + "_" + Math.max(a, b);
    }
}
