package chat.presence.rest;

/** The body of every error answer (PROTOCOL.md section 4). */
public record ApiError(String code, String reason) {
}
