package chat.media.service;

/**
 * A media once stored.
 *
 * @param id          its unguessable id
 * @param contentType the sniffed type it is served with
 * @param thumbId     the id of its preview (images), or null
 * @param durationMs  its duration (voice messages), or null when unknown
 */
public record StoredMedia(String id, String contentType, String thumbId, Long durationMs) {

    /** Path under which every media is served. */
    public static final String URL_PREFIX = "/api/media/";

    /** The URL that chat messages carry. */
    public String url() {
        return URL_PREFIX + id;
    }

    /** The preview's URL, or null. */
    public String thumbUrl() {
        return thumbId == null ? null : URL_PREFIX + thumbId;
    }

    /** Image or voice, from the sniffed type. */
    public MediaKind kind() {
        return contentType != null && contentType.startsWith("image/") ? MediaKind.IMAGE : MediaKind.AUDIO;
    }
}
