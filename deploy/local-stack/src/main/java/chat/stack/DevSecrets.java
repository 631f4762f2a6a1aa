package chat.stack;

/**
 * The development secrets the local stack starts with: the same values as the development
 * realm ({@code deploy/keycloak/chat-realm.json}) and the services' {@code %dev}/{@code %test}
 * profiles. A production deployment sets its own; the services' production profile has none.
 */
public final class DevSecrets {

    /** Password of Redis's {@code default} user (operators and tests; no service logs in as it). */
    public static final String REDIS_ADMIN_PASSWORD = "chat-redis-dev-password";
    /** Confidential client of auth-service (admin API, and its calls to presence-service). */
    public static final String AUTH_SERVICE_CLIENT_SECRET = "auth-service-dev-secret";
    /** Confidential client of the gateway's browser login (code flow). */
    public static final String GATEWAY_LOGIN_CLIENT_SECRET = "chat-gateway-dev-secret";
    /** Confidential client of the gateway's own calls to the services (client credentials). */
    public static final String GATEWAY_SERVICE_CLIENT_SECRET = "chat-gateway-service-dev-secret";

    private DevSecrets() {
    }

    /** The Redis user a service logs in as: one per service, named after its module. */
    public static String redisUser(ServiceKind kind) {
        return kind.module();
    }

    /** That user's development password. */
    public static String redisPassword(ServiceKind kind) {
        return kind.module() + "-redis-dev-password";
    }
}
