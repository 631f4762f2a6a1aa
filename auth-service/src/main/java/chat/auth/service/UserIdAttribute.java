package chat.auth.service;

import chat.auth.config.AuthConfig;
import chat.events.UserIdClaim;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Writes a user's directory id to their Keycloak attribute {@code user_id}, which the realm maps
 * into every access token, so that the services read the caller's id from the token. Only
 * admins may set the attribute (the realm's user profile), never the user themself.
 */
@ApplicationScoped
public class UserIdAttribute {

    private final Keycloak keycloak;
    private final AuthConfig config;
    /** Subjects whose attribute this instance already wrote: a user with an older token needs no second write. */
    private final Set<String> written = ConcurrentHashMap.newKeySet();

    public UserIdAttribute(Keycloak keycloak, AuthConfig config) {
        this.keycloak = keycloak;
        this.config = config;
    }

    /**
     * Sets the attribute unless this instance did already; a failure is logged, not thrown: the
     * user is served through the fallback until a later call succeeds.
     */
    public void ensure(String keycloakId, long userId) {
        if (written.contains(keycloakId)) {
            return;
        }
        try {
            UserResource user = keycloak.realm(config.realm()).users().get(keycloakId);
            UserRepresentation representation = user.toRepresentation();
            Map<String, List<String>> attributes = representation.getAttributes() == null
                    ? new ConcurrentHashMap<>()
                    : new ConcurrentHashMap<>(representation.getAttributes());
            String value = Long.toString(userId);
            if (!List.of(value).equals(attributes.get(UserIdClaim.NAME))) {
                attributes.put(UserIdClaim.NAME, List.of(value));
                representation.setAttributes(attributes);
                user.update(representation);
            }
            if (written.size() >= config.identityCacheSize()) {
                written.clear();
            }
            written.add(keycloakId);
        } catch (RuntimeException e) {
            Log.warnf("directory: user %d: user_id attribute not written (%s); tokens go on without the claim",
                    userId, e.getMessage());
        }
    }
}
