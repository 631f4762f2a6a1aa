package chat.media.rest;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of an HTTP {@code Range} header ({@code bytes=a-b}, {@code bytes=a-},
 * {@code bytes=-n}), resolved against the media's length.
 *
 * @param first first byte, inclusive
 * @param last  last byte, inclusive
 */
public record ByteRange(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");

    /** What a {@code Range} header asks for. */
    public sealed interface Request permits Whole, Part, Unsatisfiable {
    }

    /** No usable range (absent, malformed, or several ranges): the whole media, 200. */
    public record Whole() implements Request {
    }

    /** One satisfiable range: 206. */
    public record Part(ByteRange range) implements Request {
    }

    /** A well-formed range outside the media: 416. */
    public record Unsatisfiable() implements Request {
    }

    public long length() {
        return last - first + 1;
    }

    /** The {@code Content-Range} value of this range. */
    public String contentRange(long total) {
        return "bytes " + first + "-" + last + "/" + total;
    }

    /** Resolves a {@code Range} header (null when absent) for a media of {@code total} bytes. */
    public static Request resolve(String header, long total) {
        if (header == null) {
            return new Whole();
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return new Whole(); // RFC 9110: a server may ignore a Range it does not handle
        }
        Optional<Long> start = number(m.group(1));
        Optional<Long> end = number(m.group(2));
        if ((!m.group(1).isEmpty() && start.isEmpty()) || (!m.group(2).isEmpty() && end.isEmpty())) {
            return new Whole(); // numbers too large to be real
        }
        if (start.isEmpty()) { // suffix: the last n bytes
            long n = end.get();
            if (n == 0 || total == 0) {
                return new Unsatisfiable();
            }
            return new Part(new ByteRange(Math.max(0, total - n), total - 1));
        }
        long first = start.get();
        if (end.isPresent() && end.get() < first) {
            return new Whole(); // invalid range: ignored
        }
        if (first >= total) {
            return new Unsatisfiable();
        }
        long last = end.map(e -> Math.min(e, total - 1)).orElse(total - 1);
        return new Part(new ByteRange(first, last));
    }

    private static Optional<Long> number(String digits) {
        if (digits.isEmpty() || digits.length() > 18) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(digits));
    }
}
