package chat.stack;

import java.util.Map;

/**
 * Addresses and credentials of the running PostgreSQL, Redis and Keycloak.
 *
 * @param postgresHost   PostgreSQL host
 * @param postgresPort   PostgreSQL port
 * @param dbUser         database role the services use
 * @param dbPassword     its password
 * @param redisUrl       {@code redis://host:port}
 * @param keycloakUrl    Keycloak base URL (no realm)
 */
public record InfraEndpoints(String postgresHost, int postgresPort, String dbUser, String dbPassword,
                             String redisUrl, String keycloakUrl) {

    public static final String REALM = "chat";

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
    }

    public String realmUrl() {
        return keycloakUrl + "/realms/" + REALM;
    }

    /** Quarkus configuration pointing a service at these servers. */
    public Map<String, String> quarkusConfig(String database) {
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl(database),
                "quarkus.datasource.username", dbUser,
                "quarkus.datasource.password", dbPassword,
                "quarkus.redis.hosts", redisUrl,
                "quarkus.oidc.auth-server-url", realmUrl());
    }
}
