package chat.auth.rest;

/** Body of {@code POST /api/signup}. */
public record SignupRequest(String username, String password) {
}
