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
 * look at what the services left in Redis without a client library of its own. Logs in first
 * when the URL names a user ({@code redis://USER:PASSWORD@HOST:PORT}).
 */
final class RedisProbe {

    private RedisProbe() {
    }

    static long xlen(String redisUrl, String key) {
        URI uri = URI.create(redisUrl);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            if (uri.getUserInfo() != null) {
                String[] credentials = uri.getUserInfo().split(":", 2);
                out.write(command("AUTH", credentials[0], credentials[1]));
                out.flush();
                String auth = in.readLine();
                if (!"+OK".equals(auth)) {
                    throw new IllegalStateException("AUTH: " + auth);
                }
            }
            byte[] k = key.getBytes(StandardCharsets.UTF_8);
            out.write(("*2\r\n$4\r\nXLEN\r\n$" + k.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(k);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = in.readLine();
            if (reply == null || reply.charAt(0) != ':') {
                throw new IllegalStateException("XLEN " + key + ": " + reply);
            }
            return Long.parseLong(reply.substring(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] command(String... parts) {
        StringBuilder out = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String part : parts) {
            out.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part)
                    .append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
