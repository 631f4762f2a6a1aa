package chat.media.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * A stored image, image preview or voice message, with the type sniffed from its bytes; the bytes
 * themselves are in {@link chat.media.storage.MediaStorage}.
 */
@Entity
@Table(name = "media")
public class Media extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(nullable = false)
    public long size;

    @Column(nullable = false)
    public String sha256;

    @Column(name = "thumb_id")
    public String thumbId;

    @Column(name = "duration_ms")
    public Long durationMs;

    /** True for an image's preview (served like any media, never posted on its own). */
    @Column(nullable = false)
    public boolean preview;

    public Integer width;

    public Integer height;

    public String room;

    @Column(name = "uploader_id", nullable = false)
    public String uploaderId;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Bytes stored by one uploader, previews included (the quota counts them all). */
    public static long bytesOf(String uploaderId) {
        return getEntityManager()
                .createQuery("select coalesce(sum(m.size), 0) from Media m where m.uploaderId = :u", Long.class)
                .setParameter("u", uploaderId).getSingleResult();
    }

    /** How many media a room holds, and their bytes. */
    public static Object[] usageOf(String room) {
        return getEntityManager()
                .createQuery("select count(m), coalesce(sum(m.size), 0) from Media m where m.room = :r",
                        Object[].class)
                .setParameter("r", room).getSingleResult();
    }

    /** The id of the media an earlier delivery of the same upload stored, without loading its bytes. */
    public static Optional<String> idFor(String idempotencyKey, String uploaderId, String room) {
        return getEntityManager()
                .createQuery("select m.id from Media m where m.idempotencyKey = :key"
                        + " and m.uploaderId = :uploader and m.room = :room", String.class)
                .setParameter("key", idempotencyKey)
                .setParameter("uploader", uploaderId)
                .setParameter("room", room)
                .getResultStream().findFirst();
    }
}
