package chat.gateway.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A media stored by media-service, as its internal API answers it.
 *
 * @param mediaId    its id
 * @param url        where it is served
 * @param thumbUrl   an image's preview, or null
 * @param durationMs a voice message's duration, or null
 * @param kind       {@code image} or {@code audio}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StoredMediaRef(@JsonProperty("media_id") String mediaId, @JsonProperty("url") String url,
        @JsonProperty("thumb_url") String thumbUrl, @JsonProperty("duration_ms") Long durationMs,
        @JsonProperty("kind") String kind) {

    public boolean isImage() {
        return "image".equals(kind);
    }
}
