package chat.media.service;

import chat.events.ErrorCode;
import chat.media.config.MediaConfig;
import chat.media.entity.Media;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks media by their bytes and stores them: the upload is spooled to a temporary file, its type
 * sniffed, an image decoded (and its preview made) with its metadata removed, a voice message read
 * for its duration, then row and bytes are written under the uploader's quota.
 */
@ApplicationScoped
public class MediaService {

    private final MediaSniffer sniffer;
    private final ImageInspector images;
    private final AudioInspector audio;
    private final MetadataStripper stripper;
    private final MediaRecords records;
    private final long maxBytes;
    private final long quotaBytes;

    public MediaService(MediaSniffer sniffer, ImageInspector images, AudioInspector audio, MetadataStripper stripper,
            MediaRecords records, MediaConfig config) {
        this.sniffer = sniffer;
        this.images = images;
        this.audio = audio;
        this.stripper = stripper;
        this.records = records;
        this.maxBytes = config.maxBytes();
        this.quotaBytes = config.quotaBytes();
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** @throws MediaRejected {@code too_large} when a media of this many bytes is over the limit */
    public void checkSize(long size) {
        if (size > maxBytes) {
            throw new MediaRejected(ErrorCode.TOO_LARGE, "media is larger than " + maxBytes + " bytes");
        }
    }

    /**
     * Checks and stores one media, read from a stream (never held in memory whole).
     *
     * @param body           the media's bytes
     * @param required       the kind the caller needs, or null for any allowed kind
     * @param room           the room it is meant for, or null
     * @param uploaderId     who sent it (the quota is counted per uploader)
     * @param idempotencyKey key of a retriable upload, or null
     * @throws MediaRejected {@code too_large} or {@code unsupported_media}
     */
    public StoredMedia store(InputStream body, MediaKind required, String room, String uploaderId,
            String idempotencyKey)
            throws IOException {
        try (SpooledUpload upload = SpooledUpload.copy(body, maxBytes)) {
            return store(upload, required, room, uploaderId, idempotencyKey);
        }
    }

    /** {@link #store(InputStream, MediaKind, String, String, String)} for bytes already in memory. */
    public StoredMedia store(byte[] bytes, MediaKind required, String room, String uploaderId, String idempotencyKey) {
        checkSize(bytes.length);
        try {
            return store(new ByteArrayInputStream(bytes), required, room, uploaderId, idempotencyKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StoredMedia store(SpooledUpload upload, MediaKind required, String room, String uploaderId,
            String idempotencyKey) throws IOException {
        SniffedType type = sniffer.sniff(upload.head())
                .filter(t -> required == null || t.kind() == required)
                .orElseThrow(() -> new MediaRejected(ErrorCode.UNSUPPORTED_MEDIA, required == null
                        ? "not an allowed image or audio format"
                        : "not an allowed " + required.name().toLowerCase() + " format"));
        Media media = row(type.contentType(), room, uploaderId);
        media.idempotencyKey = idempotencyKey;
        Media preview = null;
        byte[] previewBytes = null;
        MetadataStripper.Stripped stripped = type.kind() == MediaKind.IMAGE
                ? strip(upload, type)
                : new MetadataStripper.Stripped(upload, 1, false);
        try {
            SpooledUpload kept = stripped.upload();
            if (type.kind() == MediaKind.IMAGE) {
                InspectedImage image = images.inspect(kept.path(), type, stripped.orientation());
                media.width = image.width();
                media.height = image.height();
                preview = row(image.previewType(), room, uploaderId);
                preview.preview = true;
                previewBytes = image.preview();
                preview.size = previewBytes.length;
                preview.sha256 = sha256(new ByteArrayInputStream(previewBytes));
            } else {
                media.durationMs = audio.durationMs(kept.path(), type);
            }
            media.size = kept.size();
            try (InputStream in = kept.open()) {
                media.sha256 = sha256(in);
            }
            try (InputStream in = kept.open()) {
                records.insert(media, in, preview, previewBytes, quotaBytes);
            }
        } finally {
            if (stripped.isCopy()) {
                stripped.upload().close();
            }
        }
        Log.infof("media %s stored: %s, %d bytes (%d received), room %s, uploader %s", media.id, media.contentType,
                media.size, upload.size(), room, uploaderId);
        return stored(media);
    }

    private MetadataStripper.Stripped strip(SpooledUpload upload, SniffedType type) {
        try {
            return stripper.strip(upload, type);
        } catch (IOException | RuntimeException e) {
            throw new MediaRejected(ErrorCode.UNSUPPORTED_MEDIA, "the image is truncated or corrupt");
        }
    }

    /** The media an earlier delivery of the same upload stored, if any. */
    @Transactional
    public Optional<StoredMedia> storedFor(String idempotencyKey, String uploaderId, String room) {
        return idempotencyKey == null
                ? Optional.empty()
                : Media.idFor(idempotencyKey, uploaderId, room).flatMap(id -> Media.<Media>findByIdOptional(id))
                        .map(MediaService::stored);
    }

    /**
     * A media its uploader posts into a room.
     *
     * @return empty when there is no such media
     * @throws MediaRejected {@code forbidden} when someone else uploaded it, or for another room
     */
    @Transactional
    public Optional<StoredMedia> claim(String id, String room, String uploaderId) {
        Optional<Media> found = find(id).filter(m -> !m.preview); // previews are not posted on their own
        found.ifPresent(m -> {
            if (!Objects.equals(m.uploaderId, uploaderId) || !Objects.equals(m.room, room)) {
                throw new MediaRejected(ErrorCode.FORBIDDEN, "this media was not uploaded by you for this room");
            }
        });
        return found.map(MediaService::stored);
    }

    /** How many media a room holds and their bytes. */
    @Transactional
    public RoomUsage usage(String room) {
        Object[] counted = Media.usageOf(room);
        return new RoomUsage(room, ((Number) counted[0]).longValue(), ((Number) counted[1]).longValue());
    }

    /** A stored media's row (its bytes are read from storage). */
    @Transactional
    public Optional<Media> find(String id) {
        return MediaIds.isWellFormed(id) ? Media.findByIdOptional(id) : Optional.empty();
    }

    private static StoredMedia stored(Media m) {
        return new StoredMedia(m.id, m.contentType, m.thumbId, m.durationMs);
    }

    private static Media row(String contentType, String room, String uploaderId) {
        Media media = new Media();
        media.id = MediaIds.next();
        media.contentType = contentType;
        media.room = room;
        media.uploaderId = uploaderId;
        return media;
    }

    private static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
                digesting.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
