package chat.gateway.media;

/** A media frame that cannot become a message; {@code code} is the PROTOCOL.md error code the sender gets. */
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
