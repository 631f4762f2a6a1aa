package chat.events.identity;

import io.quarkus.cache.CacheKey;
import io.quarkus.cache.CacheResult;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.OptionalLong;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * auth-service's answer to "who is this token?" ({@code GET /api/users/me}), cached per token
 * subject in the {@value #CACHE} cache (a subject's id never changes; size and expiry under
 * {@code quarkus.cache.caffeine.caller-ids.*}). Unknown callers and failures are not cached.
 */
@ApplicationScoped
public class DirectoryLookup {

    /** Name of the cache (Caffeine) of subject to user id. */
    public static final String CACHE = "caller-ids";

    private final AuthServiceUsers api;

    public DirectoryLookup(@RestClient AuthServiceUsers api) {
        this.api = api;
    }

    /**
     * @param subject  the token's subject, the cache key
     * @param rawToken the token itself, forwarded as the bearer credential
     * @return the user id
     * @throws UnknownCaller when auth-service does not know the caller (nothing cached)
     * @throws DirectoryUnavailable when auth-service cannot answer (nothing cached)
     */
    @CacheResult(cacheName = CACHE)
    public long userId(@CacheKey String subject, String rawToken) {
        return ask(rawToken).orElseThrow(UnknownCaller::new);
    }

    /** The same question, not cached (a token without a subject has no key). */
    public OptionalLong uncached(String rawToken) {
        return ask(rawToken);
    }

    private OptionalLong ask(String rawToken) {
        DirectoryUser me;
        try {
            me = api.me("Bearer " + rawToken);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404 || status == 403) {
                return OptionalLong.empty();
            }
            Log.warnf("auth-service /api/users/me answered %d", status);
            throw new DirectoryUnavailable(status, e);
        } catch (RuntimeException e) {
            Log.warnf("auth-service /api/users/me failed: %s", e.toString());
            throw new DirectoryUnavailable(0, e);
        }
        return me == null || me.userId() <= 0 ? OptionalLong.empty() : OptionalLong.of(me.userId());
    }

    /** auth-service does not know the caller: thrown out of the cached call so that it caches nothing. */
    public static final class UnknownCaller extends RuntimeException {

        UnknownCaller() {
            super("caller unknown to the directory", null, false, false);
        }
    }
}
