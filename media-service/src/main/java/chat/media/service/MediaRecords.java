package chat.media.service;

import chat.events.ErrorCode;
import chat.media.entity.Media;
import chat.media.storage.MediaStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Writes a checked media (row and bytes, and its preview) in one transaction, under the uploader's quota. */
@ApplicationScoped
public class MediaRecords {

    private final MediaStorage storage;

    public MediaRecords(MediaStorage storage) {
        this.storage = storage;
    }

    /**
     * @param media   the row to insert
     * @param bytes   the media's bytes
     * @param preview      the preview's row, or null
     * @param previewBytes the preview's bytes
     * @param quota   bytes the uploader may keep stored in all
     * @throws MediaRejected {@code too_large} when the uploader's quota would be exceeded
     */
    @Transactional
    public void insert(Media media, InputStream bytes, Media preview, byte[] previewBytes, long quota) {
        long used = Media.bytesOf(media.uploaderId);
        long adding = media.size + (preview == null ? 0 : preview.size);
        if (used + adding > quota) {
            throw new MediaRejected(ErrorCode.TOO_LARGE, "storage quota reached: " + used + " of " + quota
                    + " bytes used, this media needs " + adding);
        }
        Instant now = Instant.now();
        try {
            if (preview != null) {
                preview.createdAt = now;
                preview.persist();
                Media.flush(); // each row before its chunks (foreign key)
                storage.write(preview.id, new ByteArrayInputStream(previewBytes));
                media.thumbId = preview.id;
            }
            media.createdAt = now;
            media.persist();
            Media.flush();
            storage.write(media.id, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
