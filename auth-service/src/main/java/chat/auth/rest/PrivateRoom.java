package chat.auth.rest;

/** A private room's canonical name, {@code private_a_b} with a &lt; b. */
public record PrivateRoom(String room) {
}
