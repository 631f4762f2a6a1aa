package chat.events.identity;

import chat.events.UserIdClaim;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller's numeric user id: the token's {@code user_id} claim, or, for a token issued before
 * the user was provisioned (first login), auth-service's cached answer ({@link DirectoryLookup}).
 */
@ApplicationScoped
public class CallerIds {

    private final DirectoryLookup directory;

    public CallerIds(DirectoryLookup directory) {
        this.directory = directory;
    }

    /**
     * @param caller the caller's verified token
     * @return the user id, or empty when auth-service does not know the caller
     * @throws DirectoryUnavailable when auth-service cannot answer
     */
    public Optional<Long> userId(JsonWebToken caller) {
        OptionalLong claimed = UserIdClaim.parse(caller.getClaim(UserIdClaim.NAME));
        if (claimed.isPresent()) {
            return Optional.of(claimed.getAsLong());
        }
        if (caller.getSubject() == null) {
            OptionalLong asked = directory.uncached(caller.getRawToken());
            return asked.isPresent() ? Optional.of(asked.getAsLong()) : Optional.empty();
        }
        try {
            return Optional.of(directory.userId(caller.getSubject(), caller.getRawToken()));
        } catch (DirectoryLookup.UnknownCaller e) {
            return Optional.empty();
        }
    }
}
