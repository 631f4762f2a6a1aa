package chat.media.service;

import chat.events.ErrorCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.media.TestMedia;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.junit.jupiter.api.Test;

/** Images decoded, previewed and stripped of metadata, voice notes read for tracks and duration: no servers. */
class MediaInspectionTest {

    private static final SniffedType JPEG = new SniffedType("image/jpeg", MediaKind.IMAGE);
    private static final SniffedType PNG = new SniffedType("image/png", MediaKind.IMAGE);

    private final ImageInspector images = new ImageInspector(50_000_000, 320);
    private final AudioInspector audio = new AudioInspector();
    private final MetadataStripper stripper = new MetadataStripper();

    @Test
    void aPhotoDecodesAndGetsAPreviewOfAtMost320Pixels() throws IOException {
        InspectedImage image = inspect(TestMedia.photo(1200, 900, 40, "jpg"), JPEG, 1);
        assertEquals(1200, image.width());
        assertEquals(900, image.height());
        BufferedImage preview = ImageIO.read(new ByteArrayInputStream(image.preview()));
        assertEquals(320, Math.max(preview.getWidth(), preview.getHeight()));
        assertEquals(240, preview.getHeight());
        assertEquals("image/jpeg", image.previewType());
    }

    @Test
    void aPortraitPhotoSPreviewStandsUp() throws IOException {
        InspectedImage image = inspect(TestMedia.photo(800, 600, 40, "jpg"), JPEG, 6);
        BufferedImage preview = ImageIO.read(new ByteArrayInputStream(image.preview()));
        assertEquals(240, preview.getWidth());
        assertEquals(320, preview.getHeight());
    }

    @Test
    void truncatedCorruptAndHugeImagesAreRefused() {
        byte[] jpeg = TestMedia.photo(600, 400, 40, "jpg");
        assertRefused(() -> inspect(Arrays.copyOf(jpeg, jpeg.length / 2), JPEG, 1));
        byte[] png = TestMedia.photo(600, 400, 40, "png");
        assertRefused(() -> inspect(Arrays.copyOf(png, png.length / 3), PNG, 1));
        byte[] header = Arrays.copyOf(png, 33); // signature and IHDR
        byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII);
        byte[] pngThenHtml = Arrays.copyOf(header, header.length + html.length);
        System.arraycopy(html, 0, pngThenHtml, header.length, html.length);
        assertRefused(() -> inspect(pngThenHtml, PNG, 1));
        ImageInspector strict = new ImageInspector(100_000, 320);
        assertRefused(() -> strict.inspect(write(png), PNG, 1)); // 240,000 pixels
    }

    @Test
    void gpsAndOtherExifLeaveAJpegButItsImageDataAndOrientationStay() throws Exception {
        byte[] plain = TestMedia.photo(640, 480, 40, "jpg");
        byte[] located = TestMedia.withGps(plain, 2.2945, 48.8584, 6);
        assertNotNull(((JpegImageMetadata) Imaging.getMetadata(located)).getExif().getGpsInfo(), "the fixture has GPS");
        byte[] stripped = strip(located, JPEG);
        JpegImageMetadata left = (JpegImageMetadata) Imaging.getMetadata(stripped);
        assertTrue(left == null || left.getExif() == null || left.getExif().getGpsInfo() == null, "no GPS left");
        assertFalse(new String(stripped, StandardCharsets.ISO_8859_1).contains("GPS"));
        assertNotNull(ImageIO.read(new ByteArrayInputStream(stripped)), "still decodes");
        assertEquals(6, stripper.strip(spool(located), JPEG).orientation());
        assertEquals(6, ((Number) left.getExif().getFieldValue(
                org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants.TIFF_TAG_ORIENTATION)).intValue());
        // the entropy-coded data are copied byte for byte
        assertArrayEquals(tail(plain), tail(stripped));
    }

    @Test
    void anImageWithoutMetadataIsStoredByteForByte() throws IOException {
        byte[] jpeg = TestMedia.photo(300, 200, 40, "jpg");
        assertArrayEquals(jpeg, strip(jpeg, JPEG));
        byte[] png = TestMedia.photo(300, 200, 40, "png");
        assertArrayEquals(png, strip(png, PNG));
    }

    @Test
    void pngTextChunksAreDropped() throws IOException {
        byte[] png = TestMedia.png();
        // a tEXt chunk after IHDR (8 + 25 bytes), CRC not checked by decoders that skip it
        byte[] text = hex("0000000E74455874436F6D6D656E7400736563726574");
        byte[] crc = new byte[4];
        byte[] withText = concat(Arrays.copyOf(png, 33), text, crc, Arrays.copyOfRange(png, 33, png.length));
        assertArrayEquals(png, strip(withText, PNG));
    }

    @Test
    void voiceNotesOfEveryRecorderFormatHaveTheirDuration() throws IOException {
        assertDuration(1500, "voice.webm", "audio/webm");
        assertDuration(1500, "voice-live.webm", "audio/webm"); // no Duration element: the last block's time
        assertDuration(1500, "voice.ogg", "audio/ogg");
        assertDuration(1500, "voice.m4a", "audio/mp4");
        assertDuration(1500, "voice.mp3", "audio/mpeg");
        Long wav = audio.durationMs(write(TestMedia.wav(2.0)), new SniffedType("audio/wav", MediaKind.AUDIO));
        assertEquals(2000L, wav);
    }

    @Test
    void containersWithVideoAreNoVoiceNotes() {
        assertRefused(() -> audio.durationMs(write(TestMedia.fixture("video.webm")),
                new SniffedType("audio/webm", MediaKind.AUDIO)));
        assertRefused(() -> audio.durationMs(write(TestMedia.fixture("video.mp4")),
                new SniffedType("audio/mp4", MediaKind.AUDIO)));
        assertRefused(
                () -> audio.durationMs(write(TestMedia.webmHeader()), new SniffedType("audio/webm", MediaKind.AUDIO)));
        assertRefused(
                () -> audio.durationMs(write(TestMedia.noise(2000)), new SniffedType("audio/mpeg", MediaKind.AUDIO)));
    }

    private void assertDuration(long expected, String fixture, String type) throws IOException {
        Long ms = audio.durationMs(write(TestMedia.fixture(fixture)), new SniffedType(type, MediaKind.AUDIO));
        assertNotNull(ms, fixture);
        assertTrue(Math.abs(ms - expected) <= 80, fixture + ": " + ms + " ms");
    }

    private InspectedImage inspect(byte[] bytes, SniffedType type, int orientation) throws IOException {
        return images.inspect(write(bytes), type, orientation);
    }

    private byte[] strip(byte[] bytes, SniffedType type) throws IOException {
        MetadataStripper.Stripped stripped = stripper.strip(spool(bytes), type);
        return Files.readAllBytes(stripped.upload().path());
    }

    private static SpooledUpload spool(byte[] bytes) throws IOException {
        return SpooledUpload.copy(new ByteArrayInputStream(bytes), Long.MAX_VALUE);
    }

    private static java.nio.file.Path write(byte[] bytes) throws IOException {
        java.nio.file.Path file = Files.createTempFile("media-test-", ".bin");
        file.toFile().deleteOnExit();
        return Files.write(file, bytes);
    }

    private static byte[] tail(byte[] jpeg) {
        return Arrays.copyOfRange(jpeg, jpeg.length - 4096, jpeg.length);
    }

    private static void assertRefused(org.junit.jupiter.api.function.Executable call) {
        MediaRejected rejected = assertThrows(MediaRejected.class, call);
        assertEquals(ErrorCode.UNSUPPORTED_MEDIA, rejected.code());
    }

    private static byte[] hex(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
