package chat.message.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Redis Streams settings shared by every service ({@code chat.streams.*}). */
@ConfigMapping(prefix = "chat.streams")
public interface StreamsConfig {

    /** Prefix of every stream key, so that deployments and tests sharing one Redis stay apart. */
    @WithDefault("chat")
    String prefix();

    /** Approximate length ({@code MAXLEN ~}) the fan-out events stream is trimmed to. */
    @WithDefault("100000")
    long eventsMaxLength();
}
