package chat.gateway.client;

import chat.gateway.config.GatewayConfig;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Resolves an authenticated identity to its directory entry (numeric id): from the token's
 * {@code user_id} claim, or, for a token issued before the user was provisioned (their first
 * login), through auth-service, with a short cache so that reconnect storms do not hammer it.
 */
@ApplicationScoped
public class UserDirectory {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_CACHED = 100_000;

    private final AuthServiceApi authService;
    private final AuthServiceInternalApi internal;
    private final long ttlMillis;
    private final Map<String, Cached> bySubject = new ConcurrentHashMap<>();
    /** Confirmed private-room memberships ("room/userId" to expiry): a pair's room never changes members. */
    private final Map<String, Long> memberships = new ConcurrentHashMap<>();

    private record Cached(ChatUser user, long expiresAt) {
    }

    public UserDirectory(@RestClient AuthServiceApi authService, @RestClient AuthServiceInternalApi internal,
            GatewayConfig config) {
        this.authService = authService;
        this.internal = internal;
        this.ttlMillis = config.gateway().userCacheTtl().toMillis();
    }

    /** The directory entry of this identity; fails when auth-service cannot be reached. */
    public Uni<ChatUser> resolve(SecurityIdentity identity) {
        Optional<ChatUser> claimed = TokenIdentity.fromClaims(identity);
        if (claimed.isPresent()) {
            return Uni.createFrom().item(claimed.get());
        }
        String subject = subjectOf(identity);
        Cached cached = bySubject.get(subject);
        long now = System.currentTimeMillis();
        if (cached != null && cached.expiresAt() > now) {
            return Uni.createFrom().item(cached.user());
        }
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (token == null) {
            return Uni.createFrom().failure(new IllegalStateException("identity without an access token"));
        }
        return authService.me("Bearer " + token.getToken())
                .ifNoItem().after(CALL_TIMEOUT).fail()
                .invoke(user -> remember(subject, user, now));
    }

    /** Whether the user is a member of the private room; a 400/404 of auth-service fails the Uni. */
    public Uni<Boolean> isPrivateMember(String room, long userId) {
        String key = room + "/" + userId;
        Long expiry = memberships.get(key);
        long now = System.currentTimeMillis();
        if (expiry != null && expiry > now) {
            return Uni.createFrom().item(true);
        }
        return internal.membership(room, userId).ifNoItem().after(CALL_TIMEOUT).fail()
                .map(AuthServiceInternalApi.Membership::member)
                .invoke(member -> {
                    if (member) {
                        if (memberships.size() >= MAX_CACHED) {
                            memberships.clear();
                        }
                        memberships.put(key, now + ttlMillis);
                    }
                });
    }

    private void remember(String subject, ChatUser user, long now) {
        if (bySubject.size() >= MAX_CACHED) {
            bySubject.clear(); // crude bound; entries are cheap to fetch again
        }
        bySubject.put(subject, new Cached(user, now + ttlMillis));
    }

    /** The identity's Keycloak subject ({@code sub}), or its principal's name when it has none. */
    public static String subjectOf(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return identity.getPrincipal().getName();
    }
}
