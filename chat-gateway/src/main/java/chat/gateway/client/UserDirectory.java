package chat.gateway.client;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Resolves an authenticated identity to its directory entry (numeric id): from the token's
 * {@code user_id} claim, or, for a token issued before the user was provisioned (their first
 * login), through auth-service's cached answer ({@link CachedDirectory}).
 */
@ApplicationScoped
public class UserDirectory {

    private final CachedDirectory directory;

    public UserDirectory(CachedDirectory directory) {
        this.directory = directory;
    }

    /** The directory entry of this identity; fails when auth-service cannot be reached. */
    public Uni<ChatUser> resolve(String subject, Optional<ChatUser> claimed, String accessToken) {
        if (claimed.isPresent()) {
            return Uni.createFrom().item(claimed.get());
        }
        if (accessToken == null) {
            return Uni.createFrom().failure(new IllegalStateException("identity without an access token"));
        }
        return directory.user(subject, accessToken);
    }

    /** The directory entry the identity's token claims, or empty when it predates provisioning. */
    public static Optional<ChatUser> claimedUser(SecurityIdentity identity) {
        return TokenIdentity.fromClaims(identity);
    }

    /** Whether the user is a member of the private room; a 400/404 of auth-service fails the Uni. */
    public Uni<Boolean> isPrivateMember(String room, long userId) {
        return directory.isPrivateMember(room, userId);
    }

    /** The identity's Keycloak subject ({@code sub}), or its principal's name when it has none. */
    public static String subjectOf(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return identity.getPrincipal().getName();
    }
}
