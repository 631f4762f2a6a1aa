package chat.presence.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Stream settings every service shares (keys under {@code chat.streams.}). */
@ConfigMapping(prefix = "chat.streams")
public interface StreamsConfig {

    /** Prefix of every Redis key of this deployment. */
    @WithDefault("chat")
    String prefix();
}
