package chat.gateway.security;

import io.quarkus.logging.Log;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.HttpUpgradeCheck.HttpUpgradeContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Authenticates a WebSocket upgrade. A bearer token is verified by the default OIDC tenant (the
 * same checks as any request: signature, issuer, expiry, audience, type) without attaching the
 * identity to the HTTP request: websockets-next keeps the request and its identity for the whole
 * life of a socket whose upgrade carried an authenticated user (about 25 KB each), and nothing
 * after the upgrade needs them. Upgrades without an {@code Authorization} header (the browser
 * session of the gateway's login) are authenticated by Quarkus as before.
 */
@ApplicationScoped
public class UpgradeAuthenticator {

    /** The identity attribute OIDC sets to the token's expiry, in epoch seconds. */
    public static final String EXPIRES_AT = "quarkus.identity.expire-time";
    private static final String BEARER = "Bearer ";

    private final TenantIdentityProvider bearerTokens;

    public UpgradeAuthenticator(TenantIdentityProvider bearerTokens) {
        this.bearerTokens = bearerTokens;
    }

    /** The upgrade's identity; null (answered 401) when it has no valid credentials. */
    public Uni<SecurityIdentity> authenticate(HttpUpgradeContext context) {
        String authorization = context.httpRequest().getHeader("Authorization");
        Uni<SecurityIdentity> identity;
        if (authorization == null) {
            identity = context.securityIdentity(); // the browser session, if any
        } else if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).trim();
            identity = bearerTokens.authenticate(new AccessTokenCredential(token));
        } else {
            return Uni.createFrom().nullItem();
        }
        return identity.onFailure().recoverWithItem(failure -> {
            Log.debugf("upgrade refused: credentials not accepted: %s", failure.getMessage());
            return null;
        });
    }

    /** When the identity's credentials expire, in epoch milliseconds; {@link Long#MAX_VALUE} when they do not. */
    public static long expiresAtMillis(SecurityIdentity identity) {
        Object expiresAt = identity.getAttribute(EXPIRES_AT);
        return expiresAt instanceof Long seconds ? seconds * 1000 : Long.MAX_VALUE;
    }
}
