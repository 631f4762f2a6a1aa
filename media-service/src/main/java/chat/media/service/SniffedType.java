package chat.media.service;

/**
 * An allowed type found in a media's bytes.
 *
 * @param contentType the type served with the media (one canonical name per format)
 * @param kind        image or audio
 */
public record SniffedType(String contentType, MediaKind kind) {
}
