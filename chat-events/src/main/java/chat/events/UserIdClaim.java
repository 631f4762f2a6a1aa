package chat.events;

import java.util.OptionalLong;

/**
 * The access-token claim that carries the directory's numeric user id, which every service
 * reads instead of asking auth-service who the caller is. Keycloak maps it from the user
 * attribute of the same name, which auth-service sets when it provisions the user; a token
 * issued before that (the user's first login) has none, and its next refresh carries it.
 */
public final class UserIdClaim {

    /** Name of the claim and of the Keycloak user attribute. */
    public static final String NAME = "user_id";

    private UserIdClaim() {
    }

    /**
     * @param claim the claim's value as the token library gives it (a number, or its JSON form)
     * @return the positive user id it holds, or empty when absent or malformed
     */
    public static OptionalLong parse(Object claim) {
        if (claim == null) {
            return OptionalLong.empty();
        }
        if (claim instanceof Number number) {
            return positive(number.longValue());
        }
        try {
            return positive(Long.parseLong(claim.toString().replace("\"", "").trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static OptionalLong positive(long id) {
        return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
    }
}
