package chat.gateway.client;

import chat.events.ErrorCode;
import chat.gateway.config.GatewayConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * media-service's internal API as the gateway calls it, without blocking the event loop: a
 * frame's base64 payload is decoded piece by piece straight into a chunked HTTP upload (the
 * decoded file never exists whole in the gateway, and never goes through Redis), and a
 * {@code media_id} is looked up for its uploader and room.
 */
@ApplicationScoped
public class MediaServiceClient {

    /** Base64 characters decoded per piece: a multiple of 4, so that every piece decodes alone. */
    static final int PIECE_CHARS = 64 * 1024;
    private static final long TIMEOUT_MS = 30_000;

    private final HttpClient client;
    private final String host;
    private final int port;
    private final ObjectMapper json;

    public MediaServiceClient(Vertx vertx, GatewayConfig config, ObjectMapper json) {
        URI base = URI.create(config.services().media());
        this.host = base.getHost();
        this.port = base.getPort() > 0 ? base.getPort() : 80;
        this.json = json;
        this.client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(32).setKeepAlive(true));
    }

    /**
     * Streams the bytes of {@code payload} (base64, from {@code from} on) to media-service.
     *
     * @return the stored media; fails with {@link MediaRefused} when media-service refuses it or cannot be reached
     */
    public Uni<StoredMediaRef> upload(String kind, String room, String subject, String key, String payload, int from) {
        String uri = "/internal/media?kind=" + kind + "&room=" + encode(room) + "&subject=" + encode(subject)
                + "&key=" + encode(key);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port)
                .setURI(uri).setIdleTimeout(TIMEOUT_MS).putHeader("Content-Type", "application/octet-stream");
        Future<StoredMediaRef> stored = client.request(options).compose(request -> {
            request.setChunked(true);
            // whichever comes first decides: media-service's answer (it may refuse before the end),
            // or a piece that is not base64 (then the upload is cut off and the sender told why)
            Promise<StoredMediaRef> outcome = Promise.promise();
            request.response().compose(this::answer).onComplete(outcome::tryComplete, outcome::tryFail);
            writePieces(request, payload, from)
                    .compose(done -> request.end())
                    .onFailure(failure -> {
                        outcome.tryFail(failure);
                        request.reset(0, failure);
                    });
            return outcome.future();
        });
        return toUni(stored);
    }

    /** The media {@code id} if {@code subject} uploaded it for {@code room}. */
    public Uni<StoredMediaRef> claim(String id, String room, String subject) {
        String uri = "/internal/media/" + encode(id) + "?room=" + encode(room) + "&subject=" + encode(subject);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port)
                .setURI(uri).setIdleTimeout(TIMEOUT_MS);
        return toUni(client.request(options).compose(HttpClientRequest::send).compose(this::answer));
    }

    /** Decodes and writes one piece, then the next once this one is on its way (back-pressure). */
    private static Future<Void> writePieces(HttpClientRequest request, String payload, int from) {
        if (from >= payload.length()) {
            return Future.succeededFuture();
        }
        int to = Math.min(payload.length(), from + PIECE_CHARS);
        byte[] piece;
        try {
            piece = Base64.getDecoder().decode(payload.substring(from, to));
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(new MediaRefused(ErrorCode.BAD_FRAME, "file_data is not valid base64"));
        }
        return request.write(Buffer.buffer(piece)).compose(written -> writePieces(request, payload, to));
    }

    private Future<StoredMediaRef> answer(HttpClientResponse response) {
        return response.body().map(body -> {
            int status = response.statusCode();
            try {
                if (status == 200 || status == 201) {
                    return json.readValue(body.getBytes(), StoredMediaRef.class);
                }
                if (status >= 400 && status < 500) {
                    JsonNode error = json.readTree(body.getBytes());
                    throw new MediaRefused(frameCode(error.path("code").asText()),
                            error.path("reason").asText("refused"));
                }
            } catch (IOException e) {
                throw new MediaRefused(ErrorCode.UNAVAILABLE, "media storage answered unexpectedly; try again");
            }
            throw new MediaRefused(ErrorCode.UNAVAILABLE, "media storage is briefly unavailable; try again");
        });
    }

    /** media-service's REST codes as the error codes of frames. */
    private static ErrorCode frameCode(String code) {
        return ErrorCode.ofWire(code)
                .filter(known -> switch (known) {
                    case FORBIDDEN, TOO_LARGE, UNSUPPORTED_MEDIA, UNAVAILABLE -> true;
                    default -> false;
                })
                .orElse(ErrorCode.BAD_FRAME);
    }

    private static Uni<StoredMediaRef> toUni(Future<StoredMediaRef> future) {
        return Uni.createFrom().completionStage(future.toCompletionStage())
                .onFailure(failure -> !(failure instanceof MediaRefused))
                .transform(
                        failure -> new MediaRefused(ErrorCode.UNAVAILABLE,
                                "media storage is briefly unavailable; try again"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
