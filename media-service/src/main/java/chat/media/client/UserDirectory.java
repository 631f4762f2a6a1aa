package chat.media.client;

import chat.events.UserIdClaim;
import chat.media.config.MediaConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The caller's numeric user id: the token's {@code user_id} claim, or, for a token issued before
 * the user was provisioned (first login), asked of auth-service ({@code GET /api/users/me} with
 * the caller's own token) once per token subject, then remembered in a bounded map (a subject's
 * id never changes). Unknown callers are not remembered.
 */
@ApplicationScoped
public class UserDirectory {

    private final AuthServiceApi api;
    private final int maxCached;
    private final Map<String, Long> idsBySubject = new ConcurrentHashMap<>();

    public UserDirectory(@RestClient AuthServiceApi api, MediaConfig config) {
        this.api = api;
        this.maxCached = config.directory().cacheSize();
    }

    /**
     * @param caller the caller's verified token
     * @return the user id, or empty when auth-service does not know the caller
     * @throws DirectoryUnavailable when auth-service cannot answer
     */
    public Optional<Long> userId(JsonWebToken caller) {
        OptionalLong claimed = UserIdClaim.parse(caller.getClaim(UserIdClaim.NAME));
        return claimed.isPresent()
                ? Optional.of(claimed.getAsLong())
                : fromDirectory(caller.getSubject(), caller.getRawToken());
    }

    /** The fallback for a token without the claim: auth-service's answer, remembered per subject. */
    private Optional<Long> fromDirectory(String subject, String rawToken) {
        Long cached = subject == null ? null : idsBySubject.get(subject);
        if (cached != null) {
            return Optional.of(cached);
        }
        DirectoryUser me = ask(rawToken);
        if (me == null || me.userId() <= 0) {
            return Optional.empty();
        }
        if (subject != null && maxCached > 0) {
            if (idsBySubject.size() >= maxCached) {
                idsBySubject.clear(); // bounded: refilled on demand, one call per active caller
            }
            idsBySubject.put(subject, me.userId());
        }
        return Optional.of(me.userId());
    }

    private DirectoryUser ask(String rawToken) {
        try {
            return api.me("Bearer " + rawToken);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404 || status == 403) {
                return null;
            }
            Log.warnf("auth-service /api/users/me answered %d", status);
            throw new DirectoryUnavailable(e);
        } catch (RuntimeException e) {
            Log.warnf("auth-service /api/users/me failed: %s", e.toString());
            throw new DirectoryUnavailable(e);
        }
    }
}
