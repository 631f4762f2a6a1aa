package chat.media.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A stored image or voice message, with the type sniffed from its bytes. */
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

    @Column(nullable = false)
    public byte[] bytes;

    public String room;

    @Column(name = "uploader_id", nullable = false)
    public String uploaderId;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

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
