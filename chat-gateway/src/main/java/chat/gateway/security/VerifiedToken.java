package chat.gateway.security;

import chat.gateway.client.ChatUser;
import chat.gateway.client.UserDirectory;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.Optional;

/**
 * What an upgrade needs of its verified credentials, and no more (the parsed token and identity
 * are dropped): the Keycloak subject, when the credentials expire (epoch ms), the directory
 * entry the token's claims name (empty for a token issued before the user was provisioned), and
 * the access token itself, to ask auth-service in that case (null in {@link UpgradeAuthenticator}'s
 * cache, set for the upgrade at hand).
 */
public record VerifiedToken(String subject, long expiresAtMillis, Optional<ChatUser> claimed, String accessToken) {

    /** The identity attribute OIDC sets to the token's expiry, in epoch seconds. */
    static final String EXPIRES_AT = "quarkus.identity.expire-time";

    static VerifiedToken of(SecurityIdentity identity) {
        Object expiresAt = identity.getAttribute(EXPIRES_AT);
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        return new VerifiedToken(UserDirectory.subjectOf(identity),
                expiresAt instanceof Long seconds ? seconds * 1000 : Long.MAX_VALUE,
                UserDirectory.claimedUser(identity), token == null ? null : token.getToken());
    }

    VerifiedToken withAccessToken(String token) {
        return new VerifiedToken(subject, expiresAtMillis, claimed, token);
    }

    boolean expiredAt(long nowMillis) {
        return nowMillis >= expiresAtMillis;
    }
}
