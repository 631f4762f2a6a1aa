package chat.media.service;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Looks into the header of the three containers that Tika core names only generically
 * (WebM as {@code application/x-matroska}, Ogg Opus as {@code application/ogg}, MP4 with an
 * {@code iso*} brand as {@code video/quicktime}), by their bytes only.
 */
final class ContainerHeaders {

    private static final byte[] EBML_MAGIC = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};
    private static final int EBML_HEADER_SCAN = 64;
    private static final Set<String> ISO_MEDIA_BRANDS = Set.of(
            "isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42", "M4A ", "M4B ", "dash");

    private ContainerHeaders() {
    }

    /** True for a Matroska file whose EBML DocType is {@code webm}. */
    static boolean isWebm(byte[] bytes) {
        if (!startsWith(bytes, 0, EBML_MAGIC)) {
            return false;
        }
        int end = Math.min(bytes.length, EBML_HEADER_SCAN);
        for (int i = EBML_MAGIC.length; i + 1 < end; i++) {
            if (bytes[i] == 0x42 && bytes[i + 1] == (byte) 0x82) { // DocType element
                int sizeAt = i + 2;
                if (sizeAt >= bytes.length) {
                    return false;
                }
                int width = Integer.numberOfLeadingZeros(bytes[sizeAt] & 0xFF) - 23; // 1..8 bytes of vint
                if (width < 1 || width > 8 || sizeAt + width > bytes.length) {
                    return false;
                }
                long size = bytes[sizeAt] & (0xFF >> width);
                for (int k = 1; k < width; k++) {
                    size = (size << 8) | (bytes[sizeAt + k] & 0xFF);
                }
                return size == 4 && startsWith(bytes, sizeAt + width, ascii("webm"));
            }
        }
        return false;
    }

    /** True for an Ogg file whose first packet opens an Opus or a Vorbis stream (audio, not video). */
    static boolean isOggAudio(byte[] bytes) {
        if (!startsWith(bytes, 0, ascii("OggS")) || bytes.length < 27) {
            return false;
        }
        int packet = 27 + (bytes[26] & 0xFF); // after the page header and its segment table
        return startsWith(bytes, packet, ascii("OpusHead")) || startsWith(bytes, packet, ascii("\u0001vorbis"));
    }

    /** True for an ISO base media (MP4) file of a brand browsers record audio in, not a QuickTime movie. */
    static boolean isIsoMedia(byte[] bytes) {
        if (!startsWith(bytes, 4, ascii("ftyp")) || bytes.length < 12) {
            return false;
        }
        return ISO_MEDIA_BRANDS.contains(new String(bytes, 8, 4, StandardCharsets.ISO_8859_1));
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (offset < 0 || offset + prefix.length > bytes.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
