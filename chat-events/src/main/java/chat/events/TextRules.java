package chat.events;

/**
 * What user text may contain, checked at the gateway and again by every consumer: no control
 * characters other than tab, line feed and carriage return (U+0000-U+001F, U+007F), and no
 * unpaired UTF-16 surrogates. Such text cannot be stored (PostgreSQL refuses U+0000) or
 * shown safely, so it is refused as a bad frame before it enters any stream.
 */
public final class TextRules {

    private TextRules() {
    }

    /** True when the text may be stored and shown as it is (null counts as absent, so acceptable). */
    public static boolean isAcceptable(String text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return false;
                }
            } else if (c == 0x7F) {
                return false;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
