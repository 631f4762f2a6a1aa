package chat.gateway.security;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.logging.Log;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.websockets.next.HttpUpgradeCheck.HttpUpgradeContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Authenticates a WebSocket upgrade. A bearer token is verified by the default OIDC tenant (the
 * same checks as any request: signature, issuer, expiry, audience, type) without attaching the
 * identity to the HTTP request: websockets-next keeps the request and its identity for the whole
 * life of a socket whose upgrade carried an authenticated user (about 25 KB each), and nothing
 * after the upgrade needs them. A token verified once is remembered by its SHA-256 digest
 * ({@link #TOKENS}, bounded, an entry never outlives its token), so that the reconnect storm
 * after a gateway restart, or the many tabs of one user, cost one signature check per token,
 * not one per upgrade. Upgrades without an {@code Authorization} header (the browser session of
 * the gateway's login) are authenticated by Quarkus as before.
 */
@ApplicationScoped
public class UpgradeAuthenticator {

    /** Verified bearer tokens by digest (quarkus-cache, Caffeine; {@code quarkus.cache.caffeine.gateway-tokens.*}). */
    public static final String TOKENS = "gateway-tokens";
    private static final String BEARER = "Bearer ";
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    });

    private final TenantIdentityProvider bearerTokens;
    private final Cache verified;

    public UpgradeAuthenticator(TenantIdentityProvider bearerTokens, @CacheName(TOKENS) Cache verified) {
        this.bearerTokens = bearerTokens;
        this.verified = verified;
    }

    /** The upgrade's verified credentials; null (answered 401) when it has no valid ones. */
    public Uni<VerifiedToken> authenticate(HttpUpgradeContext context) {
        String authorization = context.httpRequest().getHeader("Authorization");
        Uni<VerifiedToken> identity;
        if (authorization == null) {
            // the browser session, if any
            identity = context.securityIdentity()
                    .map(session -> session == null || session.isAnonymous() ? null : VerifiedToken.of(session));
        } else if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            identity = bearer(authorization.substring(BEARER.length()).trim());
        } else {
            return Uni.createFrom().nullItem();
        }
        return identity.onFailure().recoverWithItem(failure -> {
            Log.debugf("upgrade refused: credentials not accepted: %s", failure.getMessage());
            return null;
        });
    }

    private Uni<VerifiedToken> bearer(String token) {
        String digest = digest(token);
        // a failed verification caches nothing: the next upgrade with that token is checked again
        return verified.<String, VerifiedToken>getAsync(digest,
                key -> bearerTokens.authenticate(new AccessTokenCredential(token))
                        .map(identity -> VerifiedToken.of(identity).withAccessToken(null)))
                .map(known -> {
                    if (known.expiredAt(System.currentTimeMillis())) {
                        verified.invalidate(digest).subscribe().with(done -> {
                        });
                        return null;
                    }
                    return known.withAccessToken(token);
                });
    }

    private static String digest(String token) {
        return Base64.getEncoder().encodeToString(SHA_256.get().digest(token.getBytes(StandardCharsets.US_ASCII)));
    }
}
