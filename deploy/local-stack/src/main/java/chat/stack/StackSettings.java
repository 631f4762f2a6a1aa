package chat.stack;

import java.util.Map;

/**
 * Where the stack's servers are: the launcher starts its own unless the environment names
 * existing ones.
 *
 * <ul>
 *   <li>{@code CHAT_PG_HOST}, {@code CHAT_PG_PORT} (5432), {@code CHAT_PG_USER} (chat),
 *       {@code CHAT_PG_PASSWORD} (chat): an existing PostgreSQL when CHAT_PG_HOST is set.</li>
 *   <li>{@code CHAT_REDIS_URL}: an existing Redis, e.g. {@code redis://10.0.0.5:6379}.</li>
 *   <li>{@code CHAT_KEYCLOAK_URL}: an existing Keycloak with the realm {@code chat} imported.</li>
 *   <li>{@code CHAT_REDIS_PORT} (6379), {@code CHAT_KEYCLOAK_PORT} (8180): ports of the ones started here.</li>
 * </ul>
 */
public record StackSettings(String postgresHost, int postgresPort, String dbUser, String dbPassword,
        boolean externalPostgres, String redisUrl, boolean externalRedis, int redisPort,
        String keycloakUrl, boolean externalKeycloak, int keycloakPort) {

    public static StackSettings fromEnvironment() {
        return from(System.getenv());
    }

    static StackSettings from(Map<String, String> env) {
        String pgHost = env.get("CHAT_PG_HOST");
        int redisPort = Integer.parseInt(env.getOrDefault("CHAT_REDIS_PORT", "6379"));
        int kcPort = Integer.parseInt(env.getOrDefault("CHAT_KEYCLOAK_PORT", "8180"));
        String redisUrl = env.get("CHAT_REDIS_URL");
        String kcUrl = env.get("CHAT_KEYCLOAK_URL");
        return new StackSettings(
                pgHost == null ? "127.0.0.1" : pgHost,
                Integer.parseInt(env.getOrDefault("CHAT_PG_PORT", "5432")),
                env.getOrDefault("CHAT_PG_USER", "chat"),
                env.getOrDefault("CHAT_PG_PASSWORD", "chat"),
                pgHost != null,
                redisUrl == null ? "redis://127.0.0.1:" + redisPort : redisUrl,
                redisUrl != null,
                redisPort,
                kcUrl == null ? "http://127.0.0.1:" + kcPort : kcUrl.replaceAll("/+$", ""),
                kcUrl != null,
                kcPort);
    }
}
