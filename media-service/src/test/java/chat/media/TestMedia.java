package chat.media;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Real small media files, made by the JDK's own encoders, and a few container headers. */
public final class TestMedia {

    private TestMedia() {
    }

    public static byte[] png() {
        return image("png");
    }

    public static byte[] jpeg() {
        return image("jpg");
    }

    public static byte[] gif() {
        return image("gif");
    }

    /** A tenth of a second of 8 kHz mono noise as a WAV file. */
    public static byte[] wav() {
        byte[] pcm = new byte[800];
        ThreadLocalRandom.current().nextBytes(pcm);
        AudioFormat format = new AudioFormat(8000, 8, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, pcm.length)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The EBML header of a WebM file as Chrome's MediaRecorder writes it, then a cluster start. */
    public static byte[] webmHeader() {
        return concat(hex("1A45DFA3 9F 4286 81 01 42F7 81 01 42F2 81 04 42F3 81 08 4282 84"), ascii("webm"),
                hex("4287 81 04 4285 81 02 18538067 01FFFFFFFFFFFFFF"), new byte[64]);
    }

    /** The same header with DocType matroska. */
    public static byte[] matroskaHeader() {
        return concat(hex("1A45DFA3 A3 4286 81 01 42F7 81 01 42F2 81 04 42F3 81 08 4282 88"), ascii("matroska"),
                hex("4287 81 04 4285 81 02"), new byte[64]);
    }

    /** The first Ogg page of an Opus stream, as Firefox's MediaRecorder writes it. */
    public static byte[] oggOpusHeader() {
        return concat(ascii("OggS"), hex("00 02 0000000000000000 78563412 00000000 00000000 01 13"),
                ascii("OpusHead"), hex("01 01 3801 80BB0000 0000 00"), new byte[64]);
    }

    /** The start of an MP4 file of brand iso5 (no moov yet), as fragmented recorders write it. */
    public static byte[] iso5Header() {
        return concat(hex("0000001C"), ascii("ftypiso5"), hex("00000200"), ascii("iso5iso6mp41"), new byte[64]);
    }

    /**
     * A photo-like image (gradients with noise, so that it compresses like a photo), e.g.
     * 4000x3000 as JPEG is about 2.6 MB, 1650x1250 as PNG about 5 MB.
     */
    public static byte[] photo(int width, int height, int noise, String format) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(ThreadLocalRandom.current().nextLong());
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int n = random.nextInt(noise);
                int r = Math.min(255, x * 255 / width + n);
                int g = Math.min(255, y * 255 / height + n);
                int b = Math.min(255, 128 + n / 2);
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return encode(image, format);
    }

    /** A fixture file of {@code src/test/resources/media} (see its README). */
    public static byte[] fixture(String name) {
        try (var in = TestMedia.class.getResourceAsStream("/media/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Some seconds of 16 kHz mono 16-bit noise as a WAV file (32,000 bytes a second). */
    public static byte[] wav(double seconds) {
        byte[] pcm = new byte[(int) (seconds * 16000) * 2];
        ThreadLocalRandom.current().nextBytes(pcm);
        AudioFormat format = new AudioFormat(16000, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, pcm.length / 2)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The image's bytes with an EXIF segment (GPS position and orientation) written by Commons Imaging. */
    public static byte[] withGps(byte[] jpeg, double longitude, double latitude, int orientation) {
        try {
            org.apache.commons.imaging.formats.tiff.write.TiffOutputSet exif = new org.apache.commons.imaging.formats.tiff.write.TiffOutputSet();
            exif.setGpsInDegrees(longitude, latitude);
            exif.getOrCreateRootDirectory().add(
                    org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants.TIFF_TAG_ORIENTATION,
                    (short) orientation);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter().updateExifMetadataLossless(jpeg, out, exif);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Random bytes of this length that no detector takes for anything. */
    public static byte[] noise(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] = 0x00; // no magic number starts with a zero followed by random bytes
        bytes[1] = 0x13;
        return bytes;
    }

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] image(String format) {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, Color.ORANGE.getRGB());
        image.setRGB(2, 3, ThreadLocalRandom.current().nextInt()); // distinct bytes, distinct hashes
        return encode(image, format);
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
