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
