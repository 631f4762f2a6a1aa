package chat.media.service;

/**
 * What decoding an image found.
 *
 * @param width       width in pixels
 * @param height      height in pixels
 * @param preview     the preview's bytes (at most the preview size on its longest side)
 * @param previewType the preview's content type ({@code image/jpeg}, or {@code image/png} when it has transparency)
 */
public record InspectedImage(int width, int height, byte[] preview, String previewType) {
}
