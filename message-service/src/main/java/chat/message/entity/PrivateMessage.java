package chat.message.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A message of a private room ({@code private_a_b}); stored apart from public ones. */
@Entity
@Table(name = "private_message")
public class PrivateMessage extends StoredMessage {
}
