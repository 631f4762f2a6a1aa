package chat.events;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Seeded random stream entries, almost all malformed (a forged or corrupted entry in Redis):
 * each decoder returns a record or throws {@link MalformedEntryException} whose message names
 * no class, stack or library, since it is logged and dead-lettered as it is.
 * The seed is printed on failure; {@code -Dfuzz.seed=N} replays one run.
 */
class StreamCodecFuzzTest {

    private static final int INPUTS = 20_000;
    private static final Pattern REVEALING = Pattern.compile(
            "(?i)exception|error|jackson|fasterxml|java\\.|javax?\\.|jakarta\\.|chat\\.|\\bat [a-z]|\\$|\\n|`");
    private static final List<String> COMMAND_TYPES = List.of(SendMessage.TYPE, MarkRead.TYPE, PresenceCommand.TYPE,
            MediaUpload.TYPE, "x", "");
    private static final List<String> BODY_FIELDS = List.of("room", "userId", "username", "clientId", "idempotencyKey",
            "text", "mediaUrl", "mediaType", "origin", "kind", "messageId", "dataUrl", "fileName", "gatewayId",
            "connectionId", "user_id", "client_id");

    @Test
    void commandDecoderRefusesOnlyWithItsOwnException() {
        run(StreamCodec::decodeCommand, this::commandEntry);
    }

    @Test
    void eventDecoderRefusesOnlyWithItsOwnException() {
        run(StreamCodec::decodeEvent, this::eventEntry);
    }

    private static void run(Function<Map<String, String>, Object> decoder,
            Function<Random, Map<String, String>> entries) {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        int refused = 0;
        for (int i = 0; i < INPUTS; i++) {
            Map<String, String> entry = entries.apply(random);
            try {
                decoder.apply(entry);
            } catch (MalformedEntryException e) {
                refused++;
                String reason = e.getMessage();
                assertTrue(reason != null && reason.length() <= 300 && !REVEALING.matcher(reason).find(),
                        () -> "seed " + seed + ": reason '" + reason + "' for " + shown(entry));
            } catch (Throwable e) {
                fail("seed " + seed + ": " + e + " escaped for " + shown(entry), e);
            }
        }
        assertTrue(refused > INPUTS / 3, "seed " + seed + ": mostly malformed entries expected, refused " + refused);
    }

    private Map<String, String> commandEntry(Random random) {
        Map<String, String> fields = new HashMap<>();
        maybe(random, fields, "type", () -> pick(random, COMMAND_TYPES));
        maybe(random, fields, "v", () -> random.nextInt(8) == 0 ? text(random, 3) : StreamCodec.VERSION);
        maybe(random, fields, "body", () -> body(random));
        return fields;
    }

    private Map<String, String> eventEntry(Random random) {
        Map<String, String> fields = new HashMap<>();
        maybe(random, fields, "type",
                () -> pick(random, List.of("chat_message", "ack", "typing", "", text(random, 5))));
        maybe(random, fields, "v", () -> random.nextInt(8) == 0 ? text(random, 3) : StreamCodec.VERSION);
        maybe(random, fields, "room", () -> text(random, random.nextInt(40)));
        maybe(random, fields, "seq", () -> number(random));
        maybe(random, fields, "frame", () -> random.nextBoolean() ? "{}" : text(random, random.nextInt(100)));
        maybe(random, fields, "gw", () -> text(random, 8));
        maybe(random, fields, "conn", () -> text(random, 8));
        maybe(random, fields, "xu", () -> number(random));
        return fields;
    }

    private static void maybe(Random random, Map<String, String> fields, String key,
            java.util.function.Supplier<String> value) {
        if (random.nextInt(6) > 0) {
            fields.put(key, value.get());
        }
    }

    /** A JSON body: a mutated valid one, deep nesting, or fields of wrong types and sizes. */
    private static String body(Random random) {
        switch (random.nextInt(5)) {
            case 0 -> {
                String valid = StreamCodec.encode(new SendMessage("lobby", 3, "alice", "c-1", "c:c-1", "hi", null, null,
                        new Origin("gw", "c"))).get("body");
                StringBuilder out = new StringBuilder(valid);
                for (int n = 1 + random.nextInt(3); n > 0 && out.length() > 0; n--) {
                    out.setCharAt(random.nextInt(out.length()), odd(random));
                }
                return out.toString();
            }
            case 1 -> {
                int depth = 1 + random.nextInt(random.nextBoolean() ? 30 : 5_000);
                return "{\"origin\":".repeat(depth) + "1" + "}".repeat(random.nextBoolean() ? depth : 0);
            }
            case 2 -> {
                return text(random, random.nextInt(100));
            }
            default -> {
                StringBuilder out = new StringBuilder("{");
                for (int i = random.nextInt(8); i > 0; i--) {
                    out.append('"').append(pick(random, BODY_FIELDS)).append("\":").append(value(random))
                            .append(i > 1 ? "," : "");
                }
                return out.append('}').toString();
            }
        }
    }

    private static String value(Random random) {
        return switch (random.nextInt(11)) {
            case 0 -> "null";
            case 1 -> "false";
            case 2 -> number(random);
            case 3 -> "9".repeat(1 + random.nextInt(3000));
            case 4 -> "1e" + random.nextInt(1_000_000);
            case 5 -> "[" + value(random) + "]";
            case 6 -> "{\"gatewayId\":" + value(random) + "}";
            case 7 -> "\"\\uD800\\uDBFF" + "\"";
            case 8 -> "\"\uDFFF\uD800\"";
            case 9 -> "\"" + "s".repeat(random.nextInt(20_000)) + "\"";
            default -> "\"JOIN\"";
        };
    }

    private static String number(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> Long.toString(random.nextLong());
            case 1 -> "99999999999999999999999";
            case 2 -> "1.5";
            case 3 -> "";
            default -> Integer.toString(random.nextInt(1000));
        };
    }

    private static String pick(Random random, List<String> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static String text(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(odd(random));
        }
        return out.toString();
    }

    private static char odd(Random random) {
        String special = "{}[]\":,\\\u0000\uD800\uDFFF0e-.";
        return random.nextBoolean() ? special.charAt(random.nextInt(special.length())) : (char) random.nextInt(0x10000);
    }

    private static String shown(Map<String, String> entry) {
        StringBuilder out = new StringBuilder();
        entry.forEach((k, v) -> out.append(k).append('=').append(v.length() > 120 ? v.substring(0, 120) + "..." : v)
                .append(' '));
        return out.toString().chars().collect(StringBuilder::new,
                (b, c) -> b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)),
                StringBuilder::append).toString();
    }
}
