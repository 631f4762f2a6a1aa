package chat.media.rest;

import chat.events.ErrorCode;
import chat.events.rest.ApiError;
import chat.media.entity.Media;
import chat.media.storage.MediaStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * Builds the answer to a download: safe headers, caching by ETag, and single byte ranges, the
 * bytes streamed from storage as they are sent (never the whole media in memory).
 */
@ApplicationScoped
public class MediaDownloads {

    private final MediaStorage storage;

    public MediaDownloads(MediaStorage storage) {
        this.storage = storage;
    }

    private static final String CACHE = "private, max-age=31536000, immutable";

    /** The response for one stored media, given the request's Range, If-Range and If-None-Match headers. */
    public Response answer(Media media, String range, String ifRange, String ifNoneMatch) {
        String etag = "\"" + media.sha256 + "\"";
        if (ifNoneMatch != null && (ifNoneMatch.trim().equals("*") || ifNoneMatch.contains(etag))) {
            return common(Response.notModified(), etag).build();
        }
        String usableRange = ifRange == null || ifRange.trim().equals(etag) ? range : null;
        long total = media.size;
        ByteRange.Request request = ByteRange.resolve(usableRange, total);
        if (request instanceof ByteRange.Unsatisfiable) {
            return common(Response.status(416), etag)
                    .header("Content-Range", "bytes */" + total)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiError.of(ErrorCode.RANGE_NOT_SATISFIABLE,
                            "range outside the media's " + total + " bytes"))
                    .build();
        }
        if (request instanceof ByteRange.Part part) {
            ByteRange r = part.range();
            return common(Response.status(206), etag).type(media.contentType)
                    .header("Content-Range", r.contentRange(total))
                    .header("Content-Length", r.length())
                    .entity(bytes(media.id, r.first(), r.last())).build();
        }
        return common(Response.ok(), etag).type(media.contentType).header("Content-Length", total)
                .entity(bytes(media.id, 0, total - 1)).build();
    }

    private StreamingOutput bytes(String id, long first, long last) {
        return out -> storage.read(id, first, last, out);
    }

    private static Response.ResponseBuilder common(Response.ResponseBuilder builder, String etag) {
        return builder
                .header("ETag", etag)
                .header("Cache-Control", CACHE)
                .header("Accept-Ranges", "bytes")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "inline")
                .header("Content-Security-Policy", "default-src 'none'; sandbox");
    }
}
