package chat.presence.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** When a user was last online: written when their connection leaves or their gateway is swept. */
@Entity
@Table(name = "user_last_seen")
public class UserLastSeen extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public Long userId;

    @Column(nullable = false)
    public String username;

    @Column(name = "last_seen", nullable = false)
    public Instant lastSeen;
}
