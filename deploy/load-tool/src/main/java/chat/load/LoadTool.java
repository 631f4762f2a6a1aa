package chat.load;

import chat.load.config.LoadOptions;
import chat.load.coordination.RunCoordinator;
import chat.load.coordination.WorkerMain;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The load tool's entry point: {@code fanout}, {@code ingest} or {@code connect} against a
 * gateway (real accounts and tokens) or any WebSocket server speaking the seed frames
 * ({@code --auth none}). See {@link LoadOptions#USAGE} and deploy/README.md.
 */
public final class LoadTool {

    /**
     * Vert.x logs every connection the server closes while thousands close: noise, not figures. Its
     * networking package's logger, not an internal class's name (held: JUL keeps loggers weakly).
     */
    private static final Logger QUIET_VERTX_CONNECTIONS = Logger.getLogger("io.vertx.core.net");

    private LoadTool() {
    }

    public static void main(String[] args) throws Exception {
        // the tool writes its own headers (a token of ~1 KB per upgrade): Vert.x need not check them
        // character by character (~7% of its CPU samples while opening connections)
        System.setProperty("vertx.disableHttpHeadersValidation", "true");
        QUIET_VERTX_CONNECTIONS.setLevel(Level.OFF);
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            if (options.workerCount > 1) {
                WorkerMain.run(options);
            } else {
                new RunCoordinator(options).run();
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("load-tool: " + e.getMessage());
            System.exit(2);
        }
        System.exit(0);
    }
}
