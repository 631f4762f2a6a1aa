package chat.auth.rest;

/** Whether a user belongs to a private room. */
public record Membership(boolean member) {
}
