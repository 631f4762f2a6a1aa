package chat.load.stats;

/**
 * The identity a load message carries: {@code lt:<run>:<sender>:<n>:<sent-at-micros>:<m|w>:} padded
 * to the payload size, and the {@code client_id} {@code <run>-<sender>-<n>}. {@code sender} is the
 * global index of the sending connection, {@code n} its message number, {@code m} a measured
 * message and {@code w} a warm-up one. Only ASCII letters, digits, ':' and '-' (no JSON escaping).
 */
public final class MessageText {

    /** A decoded message identity. */
    public record Id(int sender, int n, long sentAtMicros, boolean measured) {
    }

    private final String run;
    private final String textPrefix;

    public MessageText(String run) {
        if (!run.matches("[a-z0-9]{1,16}")) {
            throw new IllegalArgumentException("run id must be 1-16 lower-case letters or digits");
        }
        this.run = run;
        this.textPrefix = "lt:" + run + ":";
    }

    public String text(int sender, int n, long sentAtMicros, boolean measured, int payloadBytes) {
        StringBuilder text = new StringBuilder(Math.max(payloadBytes, 48)).append(textPrefix).append(sender).append(':')
                .append(n).append(':').append(sentAtMicros).append(':').append(measured ? 'm' : 'w').append(':');
        while (text.length() < payloadBytes) {
            text.append('x');
        }
        return text.toString();
    }

    public String clientId(int sender, int n) {
        return run + "-" + sender + "-" + n;
    }

    /** The identity of one of this run's texts, or null for any other text. */
    public Id parseText(String text) {
        if (text == null || !text.startsWith(textPrefix)) {
            return null;
        }
        try {
            int a = textPrefix.length();
            int b = text.indexOf(':', a);
            int c = text.indexOf(':', b + 1);
            int d = text.indexOf(':', c + 1);
            if (b < 0 || c < 0 || d < 0 || d + 1 >= text.length()) {
                return null;
            }
            return new Id(Integer.parseInt(text, a, b, 10), Integer.parseInt(text, b + 1, c, 10),
                    Long.parseLong(text, c + 1, d, 10), text.charAt(d + 1) == 'm');
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {sender, n} of one of this run's client ids, or null. */
    public int[] parseClientId(String clientId) {
        if (clientId == null || !clientId.startsWith(run) || clientId.length() <= run.length() + 1
                || clientId.charAt(run.length()) != '-') {
            return null;
        }
        int dash = clientId.indexOf('-', run.length() + 1);
        if (dash < 0) {
            return null;
        }
        try {
            return new int[]{Integer.parseInt(clientId, run.length() + 1, dash, 10),
                    Integer.parseInt(clientId, dash + 1, clientId.length(), 10)};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
