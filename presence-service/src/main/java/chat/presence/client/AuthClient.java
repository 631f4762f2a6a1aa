package chat.presence.client;

import chat.events.ErrorCode;
import chat.events.identity.CallerIds;
import chat.events.identity.DirectoryUnavailable;
import chat.events.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A caller's numeric directory id ({@link CallerIds}: the token's claim, else auth-service, cached),
 * as the REST answers of this service need it: a caller the directory cannot name is an error.
 */
@ApplicationScoped
public class AuthClient {

    private final CallerIds callers;

    public AuthClient(CallerIds callers) {
        this.callers = callers;
    }

    /** The directory id of the token's user; without the claim, asks auth-service with the same bearer token. */
    public long userId(JsonWebToken token) {
        try {
            return callers.userId(token).orElseThrow(AuthClient::unavailable);
        } catch (DirectoryUnavailable e) {
            if (e.status() == 401) {
                throw new ApiException(ErrorCode.UNAUTHORIZED, "a valid bearer token is required");
            }
            throw unavailable();
        }
    }

    private static ApiException unavailable() {
        return new ApiException(ErrorCode.UNAVAILABLE, "the user directory is unavailable");
    }
}
