package chat.media.service;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** Media ids: 16 random bytes as 22 characters of base64url, so that nobody can guess one. */
public final class MediaIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("^[A-Za-z0-9_-]{22}$");

    private MediaIds() {
    }

    public static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** True when the text has the shape of an id (checked before any database look-up). */
    public static boolean isWellFormed(String id) {
        return id != null && SHAPE.matcher(id).matches();
    }
}
