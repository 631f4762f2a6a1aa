package chat.auth.rest;

import chat.auth.service.ApiException;
import chat.auth.service.UserDirectory;
import chat.auth.service.UserRef;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Resolves the authenticated caller to their directory entry (provisioned on first sight). */
@ApplicationScoped
public class Caller {

    private final SecurityIdentity identity;
    private final UserDirectory directory;

    public Caller(SecurityIdentity identity, UserDirectory directory) {
        this.identity = identity;
        this.directory = directory;
    }

    /** The caller's directory entry, from the token's {@code sub} and {@code preferred_username}. */
    public UserRef current() {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new ApiException(401, "unauthorized", "a bearer token is required");
        }
        String subject = token.getSubject();
        String username = token.getClaim("preferred_username");
        if (subject == null || username == null) {
            throw new ApiException(401, "unauthorized", "the token names no subject or username");
        }
        return directory.provision(subject, username);
    }
}
