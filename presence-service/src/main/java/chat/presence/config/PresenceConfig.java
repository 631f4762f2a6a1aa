package chat.presence.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Typed configuration of presence (keys under {@code chat.presence.}). */
@ConfigMapping(prefix = "chat.presence")
public interface PresenceConfig {

    /** How long a gateway counts as alive after its last heartbeat (gateways send one every 10 s). */
    @WithDefault("30s")
    Duration gatewayTtl();

    /** How often the sweeper looks for gateways whose heartbeat expired. */
    @WithDefault("5s")
    Duration sweepInterval();

    /** At most one typing frame per user and room in this window. */
    @WithDefault("2s")
    Duration typingThrottle();

    /** How long a user counts as typing after a typing command. */
    @WithDefault("5s")
    Duration typingTtl();

    /**
     * At most one {@code user_list} to a whole room per interval (the first change of a quiet room
     * goes at once); a joining connection gets its own list at once regardless.
     */
    @WithDefault("1s")
    Duration userListInterval();

    /**
     * How often the online index is filled from the gateways' connection sets (also once at start):
     * it heals connections recorded by an older instance during a rolling upgrade.
     */
    @WithDefault("10m")
    Duration onlineIndexRepairInterval();

    /**
     * How far back a last-seen cursor reaches again: a row written by a transaction that began
     * before the cursor was taken but committed after it is still handed out.
     */
    @WithDefault("30s")
    Duration lastSeenCursorMargin();
}
