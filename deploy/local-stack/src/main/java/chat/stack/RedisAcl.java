package chat.stack;

import java.util.ArrayList;
import java.util.List;

/**
 * What each service's Redis ACL user may reach: the key patterns of the streams, leases and
 * presence keys it works with (any stream prefix, so that test stacks with their own prefix
 * share one Redis), no pub/sub channel, and no administrative or dangerous command. A service
 * is refused ({@code NOPERM}) on every other service's keys.
 */
public final class RedisAcl {

    /** Commands every service user has: everything but the administrative and dangerous ones (FLUSHALL, KEYS, CONFIG, ...). */
    private static final List<String> COMMANDS = List.of("+@all", "-@dangerous");

    private RedisAcl() {
    }

    /** The key patterns of one service ({@code ~PATTERN}). */
    public static List<String> keyPatterns(ServiceKind kind) {
        return switch (kind) {
            // writes commands to the services' streams, reads the fan-out, counts users' connections
            case GATEWAY -> List.of("~*:{messages:*}:in", "~*:{presence}:in", "~*:{media}:in", "~*:{events:*}:out",
                    "~*:user-conns:*");
            // consumes the message partitions (their dead letters and leases), announces itself, publishes room events
            case MESSAGE -> List.of("~*:{messages:*}:in", "~*:{messages:*}:in:*", "~*:{messages}:members",
                    "~*:{events:*}:out");
            // consumes uploads, hands the resulting messages to the message partitions, publishes refusals
            case MEDIA -> List.of("~*:{media}:in", "~*:{media}:in:*", "~*:{messages:*}:in", "~*:{events:*}:out");
            // consumes presence commands, keeps who is where, publishes user lists and typing
            case PRESENCE -> List.of("~*:{presence}:in", "~*:{presence}:in:*", "~*:presence:*", "~*:{events:*}:out");
            // connects (health) but keeps nothing in Redis
            case AUTH -> List.of();
        };
    }

    /** The ACL rules of a service's user after {@code on >PASSWORD}. */
    public static List<String> rules(ServiceKind kind) {
        List<String> rules = new ArrayList<>(List.of("resetkeys", "resetchannels"));
        rules.addAll(keyPatterns(kind));
        rules.addAll(COMMANDS);
        return rules;
    }
}
