package chat.auth.service;

import chat.events.ErrorCode;
import chat.events.rest.ApiException;
import chat.auth.config.AuthConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** Signup: creates the Keycloak user through the admin API, then its directory entry. */
@ApplicationScoped
public class SignupService {

    /** Usernames a signup may choose. */
    public static final Pattern USERNAME = Pattern.compile("^[a-z0-9_.-]{3,32}$");

    private final Keycloak keycloak;
    private final UserDirectory directory;
    private final UserIdAttribute attribute;
    private final AuthConfig config;

    public SignupService(Keycloak keycloak, UserDirectory directory, UserIdAttribute attribute, AuthConfig config) {
        this.keycloak = keycloak;
        this.directory = directory;
        this.attribute = attribute;
        this.config = config;
    }

    /** Creates a user who can log in at once; refusals are {@link ApiException}s. */
    public UserRef signup(String username, String password) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new ApiException(ErrorCode.BAD_USERNAME, "a username is 3 to 32 of a-z 0-9 _ . -");
        }
        if (password == null || password.isEmpty()) {
            throw new ApiException(ErrorCode.WEAK_PASSWORD, "a password is required");
        }
        String keycloakId = createInKeycloak(username, password);
        UserRef user = directory.provision(keycloakId, username);
        attribute.ensure(keycloakId, user.userId()); // the user's first token already names their id
        Log.infof("signup: user %d created", user.userId());
        return user;
    }

    private String createInKeycloak(String username, String password) {
        try (Response response = create(representation(username, password))) {
            int status = response.getStatus();
            if (status == 201) {
                return createdId(response.getLocation());
            }
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            if (status == 409) {
                throw new ApiException(ErrorCode.USERNAME_TAKEN, "this username is taken");
            }
            if (status == 400 && body.contains("invalidPassword")) {
                throw new ApiException(ErrorCode.WEAK_PASSWORD,
                        "the password does not meet the policy (at least 8 characters, not the username)");
            }
            Log.warnf("signup: Keycloak refused the user with HTTP %d", status);
            if (status == 400) {
                throw new ApiException(ErrorCode.BAD_REQUEST, "the identity provider refused this user");
            }
            throw new ApiException(ErrorCode.UNAVAILABLE, "the identity provider is unavailable");
        }
    }

    /** The admin API's answer, whether the client hands an error status back or throws it. */
    private Response create(UserRepresentation user) {
        try {
            return keycloak.realm(config.realm()).users().create(user);
        } catch (WebApplicationException e) {
            return e.getResponse();
        } catch (ProcessingException e) {
            Log.warnf("signup: Keycloak unreachable: %s", e.getMessage());
            throw new ApiException(ErrorCode.UNAVAILABLE, "the identity provider is unavailable");
        }
    }

    private UserRepresentation representation(String username, String password) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@" + config.signupEmailDomain());
        user.setEmailVerified(true);
        user.setFirstName(username);
        user.setLastName("Chat");
        user.setEnabled(true);
        user.setCredentials(List.of(credential));
        return user;
    }

    private static String createdId(URI location) {
        if (location == null) {
            throw new ApiException(ErrorCode.UNAVAILABLE, "the identity provider did not name the new user");
        }
        String path = location.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
