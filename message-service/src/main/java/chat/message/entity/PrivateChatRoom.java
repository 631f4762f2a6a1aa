package chat.message.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A private room of two users ({@code userA < userB}), created with its first message. */
@Entity
@Table(name = "private_chat_room")
public class PrivateChatRoom extends PanacheEntityBase {

    @Id
    @Column(length = 64)
    public String room;

    @Column(name = "user_a", nullable = false)
    public long userA;

    @Column(name = "user_b", nullable = false)
    public long userB;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
