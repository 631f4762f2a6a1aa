package chat.presence.client;

import chat.events.ErrorCode;
import chat.events.rest.ApiException;
import chat.events.UserIdClaim;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A caller's numeric directory id: the token's {@code user_id} claim, or, for a token issued
 * before the user was provisioned (first login), through auth-service (ids never change: cached).
 */
@ApplicationScoped
public class AuthClient {

    private static final int CACHE_SIZE = 100_000;

    private final AuthApi api;
    private final Map<String, Long> idBySubject = new ConcurrentHashMap<>();

    public AuthClient(@RestClient AuthApi api) {
        this.api = api;
    }

    /** The directory id of the token's user; without the claim, asks auth-service with the same bearer token. */
    public long userId(JsonWebToken token) {
        OptionalLong claimed = UserIdClaim.parse(token.getClaim(UserIdClaim.NAME));
        if (claimed.isPresent()) {
            return claimed.getAsLong();
        }
        String subject = token.getSubject();
        String rawToken = token.getRawToken();
        Long cached = idBySubject.get(subject);
        if (cached != null) {
            return cached;
        }
        long id;
        try {
            id = api.me("Bearer " + rawToken).userId();
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            Log.warnf("auth-service refused to resolve a caller: HTTP %d", status);
            if (status == 401) {
                throw new ApiException(ErrorCode.UNAUTHORIZED, "a valid bearer token is required");
            }
            throw new ApiException(ErrorCode.UNAVAILABLE, "the user directory is unavailable");
        } catch (RuntimeException e) {
            Log.warnf("auth-service unreachable: %s", e.getMessage());
            throw new ApiException(ErrorCode.UNAVAILABLE, "the user directory is unavailable");
        }
        if (idBySubject.size() >= CACHE_SIZE) {
            idBySubject.clear();
        }
        idBySubject.put(subject, id);
        return id;
    }
}
