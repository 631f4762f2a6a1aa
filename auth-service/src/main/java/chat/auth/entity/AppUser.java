package chat.auth.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A directory entry: a Keycloak user and the stable numeric id the chat knows them by. */
@Entity
@Table(name = "app_user")
public class AppUser extends PanacheEntityBase {

    /** Prefix of a username freed because its Keycloak user was replaced (see UserDirectory). */
    public static final String RETIRED_PREFIX = "~";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "user_id")
    public Long userId;

    @Column(name = "keycloak_id", nullable = false, unique = true)
    public String keycloakId;

    @Column(nullable = false, unique = true)
    public String username;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "last_seen")
    public Instant lastSeen;
}
