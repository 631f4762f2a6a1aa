package chat.stack.test;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;

/** A loopback HTTP server on a free port that stands in for another service in a test: one handler per path. */
public final class StubServer {

    private final HttpServer server;

    private StubServer(HttpServer server) {
        this.server = server;
    }

    /** Starts a server answering each path prefix with its handler. */
    public static StubServer start(Map<String, HttpHandler> handlers) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        handlers.forEach(server::createContext);
        server.start();
        return new StubServer(server);
    }

    /** The base URL, e.g. for a REST client's {@code url} setting. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Stops at once (tests do not wait for open exchanges). */
    public void stop() {
        server.stop(0);
    }
}
