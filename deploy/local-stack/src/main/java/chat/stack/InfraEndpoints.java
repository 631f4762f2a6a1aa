package chat.stack;

import java.util.Map;

/**
 * Addresses and credentials of the running PostgreSQL, Redis and Keycloak.
 *
 * @param postgresHost   PostgreSQL host
 * @param postgresPort   PostgreSQL port
 * @param dbUser         database role the services use
 * @param dbPassword     its password
 * @param redisUrl       {@code redis://host:port}, as named by the operator (with credentials) or of the local Redis
 * @param keycloakUrl    Keycloak base URL (no realm)
 * @param localRedis     true when Redis is the launcher's own, with one ACL user per service ({@link DevSecrets})
 */
public record InfraEndpoints(String postgresHost, int postgresPort, String dbUser, String dbPassword,
        String redisUrl, String keycloakUrl, boolean localRedis) {

    /** Endpoints whose Redis (if any) is the operator's, used as named. */
    public InfraEndpoints(String postgresHost, int postgresPort, String dbUser, String dbPassword,
            String redisUrl, String keycloakUrl) {
        this(postgresHost, postgresPort, dbUser, dbPassword, redisUrl, keycloakUrl, false);
    }

    /** The Redis URL a service connects with: its own ACL user on the local Redis, else the URL as named. */
    public String redisUrl(ServiceKind service) {
        if (!localRedis) {
            return redisUrl;
        }
        return redisUrl.replaceFirst("^redis://", "redis://" + DevSecrets.redisUser(service) + ":"
                + DevSecrets.redisPassword(service) + "@");
    }

    /** The Redis URL for tools that inspect all keys (KEYS, TYPE): the local Redis's default user, else the URL as named. */
    public String adminRedisUrl() {
        return localRedis
                ? redisUrl.replaceFirst("^redis://", "redis://default:" + DevSecrets.REDIS_ADMIN_PASSWORD + "@")
                : redisUrl;
    }

    public static final String REALM = "chat";

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
    }

    public String realmUrl() {
        return keycloakUrl + "/realms/" + REALM;
    }

    /** Quarkus configuration pointing a service with a database at these servers. */
    public Map<String, String> quarkusConfig(ServiceKind service) {
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl(service.database()),
                "quarkus.datasource.username", dbUser,
                "quarkus.datasource.password", dbPassword,
                "quarkus.redis.hosts", redisUrl(service),
                "quarkus.oidc.auth-server-url", realmUrl());
    }
}
