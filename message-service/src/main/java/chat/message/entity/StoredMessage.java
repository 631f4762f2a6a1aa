package chat.message.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.SequenceGenerator;
import java.time.Instant;

/** Columns shared by public and private messages; ids come from one sequence for both. */
@MappedSuperclass
public abstract class StoredMessage extends PanacheEntityBase {

    /** Ids are fetched 50 at a time (the sequence's INCREMENT BY), so batched inserts stay batched. */
    @Id
    @SequenceGenerator(name = "message_id", sequenceName = "message_id_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "message_id")
    public Long id;

    @Column(nullable = false, length = 64)
    public String room;

    @Column(nullable = false)
    public long seq;

    @Column(name = "user_id", nullable = false)
    public long userId;

    @Column(nullable = false)
    public String username;

    @Column(nullable = false)
    public String text;

    @Column(name = "image_url")
    public String imageUrl;

    @Column(name = "audio_url")
    public String audioUrl;

    @Column(name = "image_thumb_url")
    public String imageThumbUrl;

    @Column(name = "audio_duration_ms")
    public Long audioDurationMs;

    @Column(name = "client_id", length = 64)
    public String clientId;

    @Column(name = "idempotency_key", nullable = false, length = 128)
    public String idempotencyKey;

    @Column(name = "sent_at", nullable = false)
    public Instant sentAt;
}
