package chat.stack;

/** The five services: their module, default port and database. */
public enum ServiceKind {

    AUTH("auth-service", 8081, "chat_auth"), MESSAGE("message-service", 8082, "chat_message"), MEDIA("media-service",
            8083,
            "chat_media"), PRESENCE("presence-service", 8084, "chat_presence"), GATEWAY("chat-gateway", 8080, null);

    private final String module;
    private final int defaultPort;
    private final String database;

    ServiceKind(String module, int defaultPort, String database) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.database = database;
    }

    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The service whose own database this is. */
    public static ServiceKind ofDatabase(String database) {
        for (ServiceKind kind : values()) {
            if (database.equals(kind.database)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no service owns the database " + database);
    }

    /** The service's own database, or null for the gateway (it has none). */
    public String database() {
        return database;
    }
}
