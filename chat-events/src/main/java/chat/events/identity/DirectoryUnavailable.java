package chat.events.identity;

/** auth-service could not say who the caller is (down, timeout, unexpected answer). */
public class DirectoryUnavailable extends RuntimeException {

    private final int status;

    public DirectoryUnavailable(int status, Throwable cause) {
        super("user directory unavailable", cause);
        this.status = status;
    }

    /** The HTTP status auth-service answered, or 0 when it did not answer at all. */
    public int status() {
        return status;
    }
}
