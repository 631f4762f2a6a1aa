package chat.gateway.client;

import io.quarkus.cache.CacheKey;
import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * auth-service's answers the gateway remembers (quarkus-cache, Caffeine; size and expiry under
 * {@code quarkus.cache.caffeine.<name>.*}), so that reconnect storms do not hammer it. A failed
 * or timed-out call caches nothing.
 */
@ApplicationScoped
public class CachedDirectory {

    /** Token subject to directory entry. */
    public static final String USERS = "gateway-users";
    /** "room/userId" to membership of a private room (fixed by the room's name, never changes). */
    public static final String MEMBERSHIPS = "gateway-memberships";

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final AuthServiceApi authService;
    private final AuthServiceInternalApi internal;

    public CachedDirectory(@RestClient AuthServiceApi authService, @RestClient AuthServiceInternalApi internal) {
        this.authService = authService;
        this.internal = internal;
    }

    /** The directory entry of the token's subject, asked with the user's own bearer token. */
    @CacheResult(cacheName = USERS)
    public Uni<ChatUser> user(@CacheKey String subject, String bearerToken) {
        return authService.me("Bearer " + bearerToken).ifNoItem().after(CALL_TIMEOUT).fail();
    }

    /** Whether the user is one of the two members of the private room; a 400/404 fails the Uni. */
    @CacheResult(cacheName = MEMBERSHIPS)
    public Uni<Boolean> isPrivateMember(String room, long userId) {
        return internal.membership(room, userId).ifNoItem().after(CALL_TIMEOUT).fail()
                .map(AuthServiceInternalApi.Membership::member);
    }
}
