package chat.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Reads a stream's length straight from Redis (plain RESP over a socket), so that a test can
 * look at what the services left in Redis without a client library of its own.
 */
final class RedisProbe {

    private RedisProbe() {
    }

    static long xlen(String redisUrl, String key) {
        URI uri = URI.create(redisUrl);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            byte[] k = key.getBytes(StandardCharsets.UTF_8);
            out.write(("*2\r\n$4\r\nXLEN\r\n$" + k.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(k);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (reply == null || reply.charAt(0) != ':') {
                throw new IllegalStateException("XLEN " + key + ": " + reply);
            }
            return Long.parseLong(reply.substring(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
