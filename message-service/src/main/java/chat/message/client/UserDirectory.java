package chat.message.client;

import chat.events.UserIdClaim;
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
 * the user was provisioned (first login), asked of auth-service once per Keycloak subject, then
 * remembered (the id of a subject never changes).
 */
@ApplicationScoped
public class UserDirectory {

    private static final int MAX_CACHED = 100_000;

    private final AuthServiceApi api;
    private final Map<String, Long> idsBySubject = new ConcurrentHashMap<>();

    public UserDirectory(@RestClient AuthServiceApi api) {
        this.api = api;
    }

    /**
     * @param caller the caller's verified token
     * @return the user id, or empty when auth-service does not know the caller
     * @throws DirectoryUnavailableException when auth-service cannot answer
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
        try {
            DirectoryUser me = api.me("Bearer " + rawToken);
            if (me == null || me.userId() <= 0) {
                return Optional.empty();
            }
            if (subject != null) {
                if (idsBySubject.size() >= MAX_CACHED) {
                    idsBySubject.clear();
                }
                idsBySubject.put(subject, me.userId());
            }
            return Optional.of(me.userId());
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404 || status == 403) {
                return Optional.empty();
            }
            Log.warnf("auth-service /api/users/me answered %d", status);
            throw new DirectoryUnavailableException(e);
        } catch (RuntimeException e) {
            Log.warnf("auth-service /api/users/me failed: %s", e.getMessage());
            throw new DirectoryUnavailableException(e);
        }
    }

    /** auth-service could not be asked (down, timeout, unexpected answer). */
    public static class DirectoryUnavailableException extends RuntimeException {

        public DirectoryUnavailableException(Throwable cause) {
            super("user directory unavailable", cause);
        }
    }
}
