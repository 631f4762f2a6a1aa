package chat.media.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * media-service settings, under {@code chat.media.*}. (The {@code chat} root itself is not
 * mapped: other {@code chat.*} keys, e.g. the test harness's {@code chat.repo.root}, are not ours.)
 */
@ConfigMapping(prefix = "chat.media")
public interface MediaConfig {

    /** Largest accepted media, in decoded bytes (the data-URL and base64 overhead do not count). */
    @WithDefault("16777216")
    int maxBytes();

    /** Bytes one uploader may keep stored in all (previews included); past it uploads are refused. */
    @WithDefault("1073741824")
    long quotaBytes();

    /** Images with more pixels than this (width times height) are refused, against decompression bombs. */
    @WithDefault("64000000")
    long maxPixels();

    /** Longest side of an image's preview, in pixels. */
    @WithDefault("320")
    int previewSize();

    /** Where the bytes are kept. */
    Storage storage();

    /** Where the bytes are kept. */
    interface Storage {

        /** Size of the pieces media bytes are written and read in (memory per request is one piece). */
        @WithDefault("262144")
        int chunkBytes();
    }
}
