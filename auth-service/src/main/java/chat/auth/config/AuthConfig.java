package chat.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration of the directory and signup (keys under {@code chat.auth.}). */
@ConfigMapping(prefix = "chat.auth")
public interface AuthConfig {

    /** Keycloak realm whose users the directory holds and signup creates. */
    @WithDefault("chat")
    String realm();

    /** Domain of the e-mail address given to users created by signup. */
    @WithDefault("users.chat.local")
    String signupEmailDomain();

    /** How many token subjects the in-process id cache keeps before it starts over. */
    @WithDefault("10000")
    int identityCacheSize();

    /** Signups one client address may attempt at once... */
    @WithDefault("10")
    int signupBurst();

    /** ...and per hour after that. */
    @WithDefault("10")
    double signupPerHour();
}
