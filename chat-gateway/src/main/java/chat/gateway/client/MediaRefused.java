package chat.gateway.client;

/** A media frame that cannot become a message; {@code code} is the error code (docs/PROTOCOL.md, Errors) the sender gets. */
public class MediaRefused extends RuntimeException {

    private final String code;

    public MediaRefused(String code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
