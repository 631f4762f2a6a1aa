package chat.media.client;

import chat.media.config.MediaConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The caller's numeric user id, which the Keycloak token does not carry: asked of auth-service
 * ({@code GET /api/users/me} with the caller's own token) once per token subject, then remembered
 * in a bounded map (a subject's id never changes). Unknown callers are not remembered.
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
     * @param subject  the token's {@code sub}
     * @param rawToken the caller's bearer token, passed on to auth-service
     * @return the user id, or empty when auth-service does not know the caller
     * @throws DirectoryUnavailable when auth-service cannot answer
     */
    public Optional<Long> userId(String subject, String rawToken) {
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
