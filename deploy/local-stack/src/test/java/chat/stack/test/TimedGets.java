package chat.stack.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Times a few authenticated GETs, the body read but not parsed: a figure for the record, never an assertion. */
public final class TimedGets {

    private TimedGets() {
    }

    /** Milliseconds of each of {@code rounds} calls of {@code url} with {@code token}; fails unless each answers 200. */
    public static List<Long> millis(String url, String token, int rounds) {
        HttpClient client = HttpClient.newHttpClient();
        List<Long> millis = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            long started = System.nanoTime();
            try {
                HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new AssertionError(url + " answered " + response.statusCode());
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            millis.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
        return millis;
    }
}
