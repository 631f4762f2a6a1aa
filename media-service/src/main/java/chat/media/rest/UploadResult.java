package chat.media.rest;

import chat.media.service.StoredMedia;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Answer to an upload: where the media is now served, with its preview and duration.
 *
 * @param mediaId    the media's id (a message frame's {@code media_id})
 * @param url        its URL, to put into a message
 * @param thumbUrl   the URL of an image's preview, or null
 * @param durationMs a voice message's duration, or null
 * @param kind       {@code image} or {@code audio}
 */
public record UploadResult(@JsonProperty("media_id") String mediaId, @JsonProperty("url") String url,
        @JsonProperty("thumb_url") String thumbUrl, @JsonProperty("duration_ms") Long durationMs,
        @JsonProperty("kind") String kind) {

    public static UploadResult of(StoredMedia stored) {
        return new UploadResult(stored.id(), stored.url(), stored.thumbUrl(), stored.durationMs(),
                stored.kind().name().toLowerCase());
    }
}
