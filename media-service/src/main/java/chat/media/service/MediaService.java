package chat.media.service;

import chat.media.config.MediaConfig;
import chat.media.entity.Media;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/** Checks media by their bytes (size, sniffed type) and stores or finds them. */
@ApplicationScoped
public class MediaService {

    private final MediaSniffer sniffer;
    private final long maxBytes;

    public MediaService(MediaSniffer sniffer, MediaConfig config) {
        this.sniffer = sniffer;
        this.maxBytes = config.maxBytes();
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** @throws MediaRejected {@code too_large} when a media of this many bytes is over the limit */
    public void checkSize(long size) {
        if (size > maxBytes) {
            throw new MediaRejected(MediaRejected.TOO_LARGE, "media is larger than " + maxBytes + " bytes");
        }
    }

    /**
     * Checks and stores one media.
     *
     * @param bytes          the media
     * @param required       the kind the caller needs, or null for any allowed kind
     * @param room           the room it is meant for, or null
     * @param uploaderId     who sent it
     * @param idempotencyKey key of a retriable upload, or null
     * @throws MediaRejected {@code too_large} or {@code unsupported_media}
     */
    @Transactional
    public StoredMedia store(byte[] bytes, MediaKind required, String room, String uploaderId, String idempotencyKey) {
        checkSize(bytes.length);
        SniffedType type = sniffer.sniff(bytes)
                .filter(t -> required == null || t.kind() == required)
                .orElseThrow(() -> new MediaRejected(MediaRejected.UNSUPPORTED_MEDIA, required == null
                        ? "not an allowed image or audio format"
                        : "not an allowed " + required.name().toLowerCase() + " format"));
        Media media = new Media();
        media.id = MediaIds.next();
        media.contentType = type.contentType();
        media.size = bytes.length;
        media.sha256 = sha256(bytes);
        media.bytes = bytes;
        media.room = room;
        media.uploaderId = uploaderId;
        media.idempotencyKey = idempotencyKey;
        media.createdAt = Instant.now();
        media.persist();
        Log.infof("media %s stored: %s, %d bytes, room %s, uploader %s", media.id, media.contentType, media.size,
                room, uploaderId);
        return new StoredMedia(media.id, media.contentType);
    }

    /** The media an earlier delivery of the same upload stored, if any. */
    @Transactional
    public Optional<String> storedFor(String idempotencyKey, String uploaderId, String room) {
        return idempotencyKey == null ? Optional.empty() : Media.idFor(idempotencyKey, uploaderId, room);
    }

    /** A stored media with its bytes. */
    @Transactional
    public Optional<Media> find(String id) {
        return MediaIds.isWellFormed(id) ? Media.findByIdOptional(id) : Optional.empty();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
