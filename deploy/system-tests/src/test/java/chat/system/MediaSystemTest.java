package chat.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.junit.jupiter.api.Test;

/**
 * Media as people send them, through the whole system: phone-sized photos and voice notes as
 * WebSocket frames (their bytes streamed to media-service, never through Redis), previews and
 * durations in messages and history, broken files refused by content, oversized frames answered,
 * and media uploaded over HTTP posted with a {@code media_id}.
 */
class MediaSystemTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final SystemStack stack = SystemStack.get();

    @Test
    void phonePhotosArriveWholeWithPreviewsAndNoStreamEntryHoldsTheirBytes() throws Exception {
        byte[] jpeg = photo(4000, 3000, 48, "jpg"); // about 2.6 MB, as a phone camera makes
        byte[] png = photo(1650, 1250, 60, "png"); // about 5 MB
        assertTrue(jpeg.length > 2_400_000 && png.length > 4_800_000, jpeg.length + " / " + png.length);
        String room = SystemStack.randomRoom("photos");
        try (WsClient alice = stack.connect(stack.gateway(), "alice", room);
                WsClient bob = stack.connect(stack.secondGateway(), "bob", room)) {
            bob.await("user_list", f -> f.path("users").toString().contains("bob"), WAIT);
            for (Object[] sent : new Object[][]{{jpeg, "image/jpeg", "photo-1"}, {png, "image/png", "photo-2"}}) {
                byte[] bytes = (byte[]) sent[0];
                alice.send(Map.of("type", "file", "file_name", "IMG.jpg", "client_id", sent[2],
                        "file_data", "data:" + sent[1] + ";base64," + Base64.getEncoder().encodeToString(bytes)));
                assertEquals(sent[2], alice.await("ack", f -> sent[2].equals(f.path("client_id").asText()), WAIT)
                        .path("client_id").asText());
                JsonNode message = bob.await("chat_message", f -> sent[2].equals(f.path("client_id").asText()), WAIT);
                assertArrayEquals(bytes, get(message.path("image_url").asText(), "bob").body(), "served as sent");
                assertEquals(sent[1], get(message.path("image_url").asText(), "bob").headers()
                        .firstValue("Content-Type").orElse(""));
                BufferedImage preview = ImageIO.read(new ByteArrayInputStream(
                        get(message.path("image_thumb_url").asText(), "bob").body()));
                assertEquals(320, Math.max(preview.getWidth(), preview.getHeight()), "preview of at most 320 px");
                assertTrue(message.path("audio_duration_ms").isNull());
            }
            JsonNode history = Api
                    .json(Api.get(stack.gateway() + "/api/rooms/" + room + "/messages", stack.token("bob")));
            assertEquals(2, history.path("messages").size());
            for (JsonNode m : history.path("messages")) {
                assertTrue(m.path("image_thumb_url").asText().startsWith("/api/media/"), m.toString());
            }
        }
        try (StreamEntries streams = new StreamEntries(stack.infra.adminRedisUrl())) {
            long largest = streams.largestEntryBytes(stack.services.streamPrefix());
            assertTrue(largest < 8 * 1024, "largest stream entry: " + largest + " bytes");
        }
    }

    @Test
    void aVoiceNoteArrivesWithItsDurationAndIsServedInRanges() throws Exception {
        byte[] wav = wav(32); // 32 s of 16 kHz, 16-bit mono: about 1 MB
        String room = SystemStack.randomRoom("voice");
        try (WsClient alice = stack.connect(stack.gateway(), "alice", room)) {
            alice.await("user_list");
            alice.send(Map.of("type", "audio", "client_id", "voice-1",
                    "file_data", "data:audio/wav;base64," + Base64.getEncoder().encodeToString(wav)));
            JsonNode message = alice.await("chat_message", f -> "voice-1".equals(f.path("client_id").asText()), WAIT);
            assertEquals(32_000, message.path("audio_duration_ms").asLong());
            assertTrue(message.path("image_url").isNull());
            String url = message.path("audio_url").asText();
            HttpResponse<byte[]> part = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gateway() + url))
                    .header("Authorization", "Bearer " + stack.token("alice")).header("Range", "bytes=300000-700000")
                    .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(206, part.statusCode());
            assertEquals("bytes 300000-700000/" + wav.length, part.headers().firstValue("Content-Range").orElse(""));
            assertArrayEquals(Arrays.copyOfRange(wav, 300000, 700001), part.body());
            JsonNode history = Api
                    .json(Api.get(stack.gateway() + "/api/rooms/" + room + "/messages", stack.token("alice")));
            assertEquals(32_000, history.path("messages").get(0).path("audio_duration_ms").asLong());
        }
    }

    @Test
    void brokenImagesAreRefusedAndTheSocketStays() throws Exception {
        byte[] jpeg = photo(1200, 900, 48, "jpg");
        byte[] png = photo(300, 200, 48, "png");
        byte[] pngThenHtml = concat(Arrays.copyOf(png, 33),
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII));
        String room = SystemStack.randomRoom("broken");
        try (WsClient alice = stack.connect(stack.gateway(), "alice", room)) {
            alice.await("user_list");
            alice.send(Map.of("type", "file", "client_id", "cut", "file_data",
                    "data:image/jpeg;base64,"
                            + Base64.getEncoder().encodeToString(Arrays.copyOf(jpeg, jpeg.length / 2))));
            JsonNode cut = alice.await("error", f -> "cut".equals(f.path("client_id").asText()), WAIT);
            assertEquals("unsupported_media", cut.path("code").asText());
            alice.send(Map.of("type", "file", "client_id", "html", "file_data",
                    "data:image/png;base64," + Base64.getEncoder().encodeToString(pngThenHtml)));
            assertEquals("unsupported_media",
                    alice.await("error", f -> "html".equals(f.path("client_id").asText()), WAIT)
                            .path("code").asText());
            alice.send(Map.of("type", "ping"));
            alice.await("pong");
            assertTrue(alice.isOpen());
            assertTrue(alice.drain("chat_message", Duration.ofMillis(500)).isEmpty(), "nothing stored");
        }
    }

    @Test
    void framesOverTheLimitAreAnsweredNeverDropped() {
        String room = SystemStack.randomRoom("huge");
        try (WsClient alice = stack.connect(stack.gateway(), "alice", room)) {
            alice.await("user_list");
            alice.send(mediaFrameOf(17 * 1024 * 1024)); // over 16 MiB: an error, and the socket stays
            assertEquals("too_large", alice.await("error", f -> true, WAIT).path("code").asText());
            alice.send(Map.of("type", "ping"));
            alice.await("pong");
        }
        try (WsClient alice = stack.connect(stack.gateway(), "alice", room)) {
            alice.await("user_list");
            alice.send(mediaFrameOf(20 * 1024 * 1024));
            long deadline = System.nanoTime() + WAIT.toNanos();
            boolean answered = false;
            while (!answered && alice.closeStatus() < 0 && System.nanoTime() < deadline) {
                answered = alice.drain("error", Duration.ofMillis(200)).stream()
                        .anyMatch(f -> "too_large".equals(f.path("code").asText()));
            }
            int status = alice.closeStatus();
            assertNotEquals(1006, status, "never an abnormal close");
            assertTrue(answered || status == 1009, "too_large, or closed with 1009; got close status " + status);
        }
    }

    @Test
    void anHttpUploadIsPostedWithItsMediaIdByItsUploaderOnly() throws Exception {
        String room = SystemStack.randomRoom("posted");
        byte[] jpeg = photo(800, 600, 30, "jpg");
        HttpResponse<String> uploaded = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.gateway() + "/api/media?room=" + room))
                        .header("Authorization", "Bearer " + stack.token("alice")).header("Content-Type", "image/jpeg")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        String mediaId = WsClient.JSON.readTree(uploaded.body()).path("media_id").asText();
        try (WsClient alice = stack.connect(stack.gateway(), "alice", room);
                WsClient bob = stack.connect(stack.gateway(), "bob", room)) {
            bob.await("user_list", f -> f.path("users").toString().contains("bob"), WAIT);
            alice.await("user_list");
            bob.send(Map.of("type", "message", "message", "mine now", "media_id", mediaId, "client_id", "c-steal"));
            JsonNode refused = bob.await("error", f -> "c-steal".equals(f.path("client_id").asText()), WAIT);
            assertEquals("forbidden", refused.path("code").asText());

            alice.send(Map.of("type", "message", "message", "look", "media_id", mediaId, "client_id", "c-43"));
            assertEquals("c-43", alice.await("ack", f -> "c-43".equals(f.path("client_id").asText()), WAIT)
                    .path("client_id").asText());
            JsonNode message = bob.await("chat_message", f -> "c-43".equals(f.path("client_id").asText()), WAIT);
            assertEquals("look", message.path("message").asText());
            assertEquals("/api/media/" + mediaId, message.path("image_url").asText());
            assertFalse(message.path("image_thumb_url").isNull());
            JsonNode history = Api
                    .json(Api.get(stack.gateway() + "/api/rooms/" + room + "/messages", stack.token("bob")));
            assertEquals("/api/media/" + mediaId, history.path("messages").get(0).path("image_url").asText());
            assertEquals(1, history.path("messages").size(), "the refused post stored nothing");
        }
        String otherRoom = SystemStack.randomRoom("elsewhere");
        try (WsClient alice = stack.connect(stack.gateway(), "alice", otherRoom)) {
            alice.await("user_list");
            alice.send(Map.of("type", "message", "message", "", "media_id", mediaId, "client_id", "c-other"));
            assertEquals("forbidden", alice.await("error", f -> "c-other".equals(f.path("client_id").asText()), WAIT)
                    .path("code").asText());
        }
    }

    @Test
    void aPhotoSLocationIsRemovedBeforeItIsServed() throws Exception {
        byte[] plain = photo(1000, 750, 40, "jpg");
        TiffOutputSet exif = new TiffOutputSet();
        exif.setGpsInDegrees(2.2945, 48.8584);
        ByteArrayOutputStream located = new ByteArrayOutputStream();
        new ExifRewriter().updateExifMetadataLossless(plain, located, exif);
        JpegImageMetadata before = (JpegImageMetadata) Imaging.getMetadata(located.toByteArray());
        assertNotNull(before.getExif().getGpsInfo(), "the photo carries a location");
        String room = SystemStack.randomRoom("gps");
        try (WsClient alice = stack.connect(stack.gateway(), "alice", room)) {
            alice.await("user_list");
            alice.send(Map.of("type", "file", "client_id", "gps", "file_data",
                    "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(located.toByteArray())));
            JsonNode message = alice.await("chat_message", f -> "gps".equals(f.path("client_id").asText()), WAIT);
            byte[] served = get(message.path("image_url").asText(), "alice").body();
            JpegImageMetadata after = (JpegImageMetadata) Imaging.getMetadata(served);
            assertTrue(after == null || after.getExif() == null || after.getExif().getGpsInfo() == null, "no location");
            assertNotNull(ImageIO.read(new ByteArrayInputStream(served)), "still an image");
            assertArrayEquals(Arrays.copyOfRange(plain, plain.length - 10_000, plain.length),
                    Arrays.copyOfRange(served, served.length - 10_000, served.length), "image data untouched");
        }
    }

    @Test
    void privateRoomMediaIsForItsMembersOnly() throws Exception {
        long alice = Api.json(Api.get(stack.gateway() + "/api/users/me", stack.token("alice"))).path("user_id")
                .asLong();
        long bob = Api.json(Api.get(stack.gateway() + "/api/users/me", stack.token("bob"))).path("user_id").asLong();
        String room = "private_" + Math.min(alice, bob) + "_" + Math.max(alice, bob);
        String url;
        try (WsClient a = WsClient.connect(stack.wsUrl(stack.gateway(), "/ws/chat/private/" + room + "/"),
                stack.token("alice"))) {
            a.await("user_list");
            a.send(Map.of("type", "file", "file_name", "p.png", "client_id", "pm-" + System.nanoTime(),
                    "file_data",
                    "data:image/png;base64," + Base64.getEncoder().encodeToString(photo(40, 30, 10, "png"))));
            url = a.await("chat_message", f -> !f.path("image_url").isNull(), WAIT).path("image_url").asText();
        }
        for (String user : java.util.List.of("alice", "bob", "carol")) {
            int status = get(url, user).statusCode();
            assertEquals(user.equals("carol") ? 403 : 200, status, user + " on " + url);
        }
    }

    @Test
    void disguisedUploadIsRefusedWithAnError() {
        String room = SystemStack.randomRoom("media-bad");
        try (WsClient alice = stack.connect(stack.gateway(), "alice", room)) {
            alice.await("user_list");
            String html = "<html><script>alert(1)</script></html>";
            alice.send(Map.of("type", "file", "file_name", "cat.png", "client_id", "disguised",
                    "file_data", "data:image/png;base64," + Base64.getEncoder().encodeToString(html.getBytes())));
            JsonNode error = alice.await("error");
            assertEquals("unsupported_media", error.path("code").asText());
            assertEquals("disguised", error.path("client_id").asText());
            assertTrue(alice.drain("chat_message", Duration.ofMillis(500)).isEmpty(), "nothing stored");
        }
    }

    private static HttpResponse<byte[]> get(String path, String user) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.gateway() + path))
                .header("Authorization", "Bearer " + stack.token(user)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A file frame of exactly {@code length} characters. */
    private static String mediaFrameOf(int length) {
        String head = "{\"type\":\"file\",\"file_data\":\"data:image/png;base64,";
        String tail = "\"}";
        return head + "A".repeat(length - head.length() - tail.length()) + tail;
    }

    /** A photo-like image: gradients with noise, so that it compresses like a photo. */
    static byte[] photo(int width, int height, int noise, String format) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int n = random.nextInt(noise);
                image.setRGB(x, y,
                        (Math.min(255, x * 255 / width + n) << 16) | (Math.min(255, y * 255 / height + n) << 8)
                                | Math.min(255, 128 + n / 2));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    private static byte[] wav(int seconds) throws Exception {
        byte[] pcm = new byte[seconds * 16000 * 2];
        new Random().nextBytes(pcm);
        AudioFormat format = new AudioFormat(16000, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, pcm.length / 2)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
            return out.toByteArray();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
