package chat.media.service;

import chat.events.ErrorCode;
import java.util.Base64;

/**
 * A {@code data:<declared>;base64,<payload>} URL as a client sent it. The declared type is
 * kept for nothing but the record: the decision is made on the decoded bytes.
 *
 * @param declaredType what the client claimed (never trusted)
 * @param payload      the base64 text
 */
public record DataUrl(String declaredType, String payload) {

    private static final String SCHEME = "data:";
    private static final String BASE64 = ";base64";

    /**
     * Splits a data URL.
     *
     * @throws MediaRejected {@code bad_frame} when it is not a base64 data URL
     */
    public static DataUrl parse(String url) {
        if (url == null || !url.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw malformed("not a data URL");
        }
        int comma = url.indexOf(',');
        if (comma < 0) {
            throw malformed("data URL without data");
        }
        String header = url.substring(SCHEME.length(), comma);
        if (!header.regionMatches(true, header.length() - BASE64.length(), BASE64, 0, BASE64.length())) {
            throw malformed("data URL is not base64");
        }
        int semicolon = header.indexOf(';');
        return new DataUrl(header.substring(0, semicolon), url.substring(comma + 1));
    }

    /** Number of bytes the payload decodes to, computed without decoding it. */
    public long decodedLength() {
        int length = payload.length();
        int padding = 0;
        while (padding < 2 && length - padding > 0 && payload.charAt(length - 1 - padding) == '=') {
            padding++;
        }
        return (long) (length - padding) * 3 / 4;
    }

    /**
     * The payload's bytes.
     *
     * @throws MediaRejected {@code bad_frame} when the payload is not base64
     */
    public byte[] decode() {
        try {
            return Base64.getDecoder().decode(payload);
        } catch (IllegalArgumentException e) {
            throw malformed("data URL payload is not valid base64");
        }
    }

    private static MediaRejected malformed(String reason) {
        return new MediaRejected(ErrorCode.BAD_FRAME, reason);
    }
}
