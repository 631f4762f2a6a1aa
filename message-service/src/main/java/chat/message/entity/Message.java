package chat.message.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A message of a public room. */
@Entity
@Table(name = "message")
public class Message extends StoredMessage {
}
