package chat.auth;

import chat.auth.entity.AppUser;
import chat.stack.DevTokens;
import chat.stack.test.StackTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.UserRepresentation;

/** Real Keycloak users for tests, with unique names, removed again (Keycloak and directory) afterwards. */
public final class TestUsers {

    public static final String PASSWORD = "it-password-42";
    private final List<String> created = new ArrayList<>();

    public static String token(String username) {
        return DevTokens.accessToken(StackTestResource.infra, username);
    }

    public static String token(String username, String password) {
        return DevTokens.accessToken(StackTestResource.infra, username, password);
    }

    /** A fresh name that matches the signup rule. */
    public String newName() {
        String name = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        created.add(name);
        return name;
    }

    /** Removes every user this instance named from Keycloak and from the directory. */
    public void removeAll(Keycloak keycloak) {
        for (String name : created) {
            for (UserRepresentation user : keycloak.realm("chat").users().searchByUsername(name, true)) {
                keycloak.realm("chat").users().delete(user.getId()).close();
            }
            QuarkusTransaction.requiringNew().run(() -> AppUser.delete("username = ?1 or username like ?2", name,
                    AppUser.RETIRED_PREFIX + "%" + name));
        }
        created.clear();
    }
}
