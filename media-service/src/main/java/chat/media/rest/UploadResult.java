package chat.media.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Answer to an upload: where the media is now served.
 *
 * @param mediaId the media's id
 * @param url     its URL, to put into a message
 */
public record UploadResult(@JsonProperty("media_id") String mediaId, @JsonProperty("url") String url) {
}
