package chat.gateway.client;

import chat.events.UserIdClaim;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The directory entry a token names itself: its {@code user_id} claim and {@code preferred_username}. */
final class TokenIdentity {

    private TokenIdentity() {
    }

    /** The user the token's claims name, or empty when it predates provisioning (no {@code user_id}). */
    static Optional<ChatUser> fromClaims(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Optional.empty();
        }
        OptionalLong userId = UserIdClaim.parse(jwt.getClaim(UserIdClaim.NAME));
        String username = jwt.getClaim("preferred_username");
        if (userId.isEmpty() || username == null) {
            return Optional.empty();
        }
        return Optional.of(new ChatUser(userId.getAsLong(), username));
    }
}
