package chat.media.service;

/**
 * A media once stored.
 *
 * @param id          its unguessable id
 * @param contentType the sniffed type it is served with
 */
public record StoredMedia(String id, String contentType) {

    /** Path under which every media is served. */
    public static final String URL_PREFIX = "/api/media/";

    /** The URL that chat messages carry. */
    public String url() {
        return URL_PREFIX + id;
    }
}
