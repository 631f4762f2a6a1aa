package chat.gateway.frames;

import chat.events.ErrorCode;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Seeded random frames, almost all hostile (deep nesting, huge numbers, lone UTF-16 surrogates,
 * wrong types, oversize fields, mutated valid frames): the parser either accepts a frame or
 * refuses it with a {@link FrameException} whose reason names no class, stack or library.
 * The seed is printed on failure; {@code -Dfuzz.seed=N} replays one run.
 */
class FrameParserFuzzTest {

    private static final int INPUTS = 20_000;
    private static final int MAX_FRAME = 8 * 1024;
    /** What a reason must never contain: exception or class names, package names, stack frames, library names. */
    static final Pattern REVEALING = Pattern.compile(
            "(?i)exception|error|jackson|fasterxml|java\\.|javax?\\.|jakarta\\.|chat\\.|quarkus|vertx|netty|\\bat [a-z]|\\$|\\n|\\tat ");
    private static final Set<ErrorCode> CODES = Set.of(ErrorCode.BAD_FRAME, ErrorCode.TOO_LARGE);
    private static final List<String> TYPES = List.of("message", "typing", "message_read", "file", "audio", "resume",
            "ping", "dance", "", "MESSAGE", "message\u0000");
    private static final List<String> FIELDS = List.of("type", "message", "client_id", "message_id", "after_seq",
            "file_data", "file_name", "user_id", "username");

    private final FrameParser parser = new FrameParser(new ObjectMapper(), FrameParserTest.config(MAX_FRAME));

    @Test
    void noHostileFrameEscapesTheDocumentedRefusal() {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        int refused = 0;
        for (int i = 0; i < INPUTS; i++) {
            String raw = hostileFrame(random);
            try {
                parser.parse(raw);
            } catch (FrameException e) {
                refused++;
                assertTrue(CODES.contains(e.code()),
                        () -> "seed " + seed + ": code " + e.code() + " for " + shown(raw));
                assertTrue(
                        e.getMessage() != null && e.getMessage().length() <= 200
                                && !REVEALING.matcher(e.getMessage()).find(),
                        () -> "seed " + seed + ": reason '" + e.getMessage() + "' for " + shown(raw));
            } catch (Throwable e) {
                fail("seed " + seed + ": " + e + " escaped for " + shown(raw), e);
            }
        }
        assertTrue(refused > INPUTS / 2,
                "seed " + seed + ": the generator makes mostly bad frames, refused " + refused);
    }

    private String hostileFrame(Random random) {
        List<Supplier<String>> kinds = List.of(
                () -> mutated(validFrame(random), random),
                () -> nested(random),
                () -> object(random),
                () -> randomText(random, random.nextInt(200)),
                () -> "{\"type\":\"message\",\"message\":\"" + "x".repeat(3990 + random.nextInt(20)) + "\"}",
                () -> "{\"message\":\"" + "y".repeat(MAX_FRAME - 10 + random.nextInt(40)) + "\"}");
        return kinds.get(random.nextInt(kinds.size())).get();
    }

    private static String validFrame(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> "{\"type\":\"message\",\"message\":\"hello\",\"client_id\":\"c-1\"}";
            case 1 -> "{\"type\":\"resume\",\"after_seq\":41}";
            case 2 -> "{\"type\":\"message_read\",\"message_id\":7}";
            case 3 -> "{\"type\":\"file\",\"file_data\":\"data:image/png;base64,AAAA\",\"file_name\":\"a.png\"}";
            default -> "{\"type\":\"typing\"}";
        };
    }

    /** A valid frame with some characters replaced, inserted or cut off. */
    private static String mutated(String frame, Random random) {
        StringBuilder out = new StringBuilder(frame);
        for (int n = 1 + random.nextInt(4); n > 0 && out.length() > 0; n--) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(3)) {
                case 0 -> out.setCharAt(at, oddChar(random));
                case 1 -> out.insert(at, oddChar(random));
                default -> out.setLength(at);
            }
        }
        return out.toString();
    }

    /** Arrays or objects nested up to far beyond any parser's comfort. */
    private static String nested(Random random) {
        int depth = 1 + random.nextInt(random.nextBoolean() ? 50 : 5_000);
        String open = random.nextBoolean() ? "[" : "{\"type\":";
        String close = open.equals("[") ? "]" : "}";
        return open.repeat(depth) + "1" + (random.nextBoolean() ? close.repeat(depth) : "");
    }

    /** A JSON object of known and unknown fields with values of every wrong type and size. */
    private static String object(Random random) {
        StringBuilder out = new StringBuilder("{");
        int fields = random.nextInt(6);
        if (random.nextInt(4) > 0) {
            out.append("\"type\":\"").append(TYPES.get(random.nextInt(TYPES.size()))).append('"');
            if (fields > 0) {
                out.append(',');
            }
        }
        for (int i = 0; i < fields; i++) {
            out.append('"').append(FIELDS.get(random.nextInt(FIELDS.size()))).append("\":").append(value(random));
            if (i < fields - 1) {
                out.append(',');
            }
        }
        return out.append('}').toString();
    }

    private static String value(Random random) {
        return switch (random.nextInt(14)) {
            case 0 -> "null";
            case 1 -> "true";
            case 2 -> Long.toString(random.nextLong());
            case 3 -> "9".repeat(1 + random.nextInt(3000)); // beyond long, beyond the parser's number length
            case 4 -> "1e" + random.nextInt(1_000_000);
            case 5 -> "-0.000" + random.nextInt(1000);
            case 6 -> "[" + value(random) + "]";
            case 7 -> "{\"a\":" + value(random) + "}";
            case 8 -> "\"" + "\\uD800".repeat(1 + random.nextInt(3)) + "x\""; // lone high surrogates, escaped
            case 9 -> "\"\uDC00\uD800" + randomText(random, 10).replace("\"", "") + "\""; // raw reversed pair
            case 10 -> "\"data:" + "A".repeat(random.nextInt(5000)) + "\"";
            case 11 -> "\"" + "c".repeat(60 + random.nextInt(10)) + "\"";
            case 12 -> "\"\\u0000\\n\\t<script>\"";
            default -> "\"   \"";
        };
    }

    private static String randomText(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(oddChar(random));
        }
        return out.toString();
    }

    private static char oddChar(Random random) {
        String special = "{}[]\":,\\\u0000\uD800\uDFFF\uFFFE\u202E0e-+.";
        return random.nextBoolean() ? special.charAt(random.nextInt(special.length())) : (char) random.nextInt(0x10000);
    }

    private static String shown(String raw) {
        String cut = raw.length() > 300 ? raw.substring(0, 300) + "...(" + raw.length() + " chars)" : raw;
        StringBuilder out = new StringBuilder();
        cut.chars().forEach(
                c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }
}
