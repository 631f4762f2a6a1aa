package chat.load.accounts;

import chat.load.config.LoadOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The accounts of one run: which user each connection is ({@link UserPlan}) and its token
 * ({@link TokenCache}); with {@code --auth none}, no accounts and no tokens.
 */
public final class RunAccounts {

    private final UserPlan plan;
    private final TokenCache cache;

    private RunAccounts(UserPlan plan, TokenCache cache) {
        this.plan = plan;
        this.cache = cache;
    }

    /** The run's accounts, read from the token cache (no login yet). */
    public static RunAccounts of(LoadOptions options) {
        if (!options.keycloakAuth) {
            return new RunAccounts(null, null);
        }
        return new RunAccounts(new UserPlan(options),
                new TokenCache(new KeycloakAccounts(options.keycloak), options.gateway, options.tokenCache));
    }

    /** Provisions and logs in (at most {@code concurrency} at a time) every user whose cached token would not last {@code seconds}. */
    public void prepare(long seconds, int concurrency) {
        if (plan == null) {
            return;
        }
        List<String> users = new ArrayList<>(plan.users());
        for (int u = 0; u < plan.users(); u++) {
            users.add(plan.username(u));
        }
        cache.ensure(users, seconds, concurrency);
    }

    /** The bearer token of the connection with this global index, or null without auth. */
    public String tokenOf(int connection) {
        return plan == null ? null : cache.token(plan.username(plan.userOf(connection)));
    }

    public int users() {
        return plan == null ? 0 : plan.users();
    }

    public int sendersPerUser() {
        return plan == null ? 0 : plan.sendersPerUser();
    }

    public int logins() {
        return cache == null ? 0 : cache.logins();
    }

    public int refreshes() {
        return cache == null ? 0 : cache.refreshes();
    }
}
