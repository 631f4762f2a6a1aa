package chat.auth.rest;

import chat.events.ErrorCode;
import chat.events.rest.ApiException;
import chat.auth.service.UserIdAttribute;
import chat.events.UserIdClaim;
import chat.auth.service.UserDirectory;
import chat.auth.service.UserRef;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.OptionalLong;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Resolves the authenticated caller to their directory entry (provisioned on first sight); a
 * token without the {@code user_id} claim gets the Keycloak attribute written, so the next one has it.
 */
@ApplicationScoped
public class Caller {

    private final SecurityIdentity identity;
    private final UserDirectory directory;
    private final UserIdAttribute attribute;

    public Caller(SecurityIdentity identity, UserDirectory directory, UserIdAttribute attribute) {
        this.identity = identity;
        this.directory = directory;
        this.attribute = attribute;
    }

    /** The caller's directory entry, from the token's {@code sub} and {@code preferred_username}. */
    public UserRef current() {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "a bearer token is required");
        }
        String subject = token.getSubject();
        String username = token.getClaim("preferred_username");
        if (subject == null || username == null) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "the token names no subject or username");
        }
        UserRef user = directory.provision(subject, username);
        OptionalLong claimed = UserIdClaim.parse(token.getClaim(UserIdClaim.NAME));
        if (claimed.isEmpty() || claimed.getAsLong() != user.userId()) {
            attribute.ensure(subject, user.userId());
        }
        return user;
    }
}
