package chat.media.client;

/** auth-service could not say who the caller is (down, timeout, unexpected answer). */
public class DirectoryUnavailable extends RuntimeException {

    public DirectoryUnavailable(Throwable cause) {
        super("user directory unavailable", cause);
    }
}
