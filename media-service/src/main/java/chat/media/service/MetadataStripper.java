package chat.media.service;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFEntry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFWriter;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Removes what a photo says about its owner (EXIF with the GPS position, XMP, IPTC, comments)
 * before it is stored, without re-encoding: the image data are copied byte for byte.
 * <ul>
 *   <li>JPEG: the metadata segments before the image data are dropped; an EXIF orientation is
 *       kept, alone in a new minimal EXIF segment, so that portrait photos still stand up;</li>
 *   <li>PNG: the text, time and EXIF chunks are dropped.</li>
 * </ul>
 * Other images (GIF, WebP) are stored as they came.
 */
@ApplicationScoped
public class MetadataStripper {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final Set<String> PNG_METADATA = Set.of("tEXt", "zTXt", "iTXt", "eXIf", "tIME");
    private static final byte[] EXIF_HEADER = {'E', 'x', 'i', 'f', 0, 0};
    private static final byte[] ICC_HEADER = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;
    private static final int APP0 = 0xE0;
    private static final int APP1 = 0xE1;
    private static final int APP2 = 0xE2;
    private static final int APP14 = 0xEE; // Adobe: tells how colours are encoded, needed to decode
    private static final int APP15 = 0xEF;
    private static final int COM = 0xFE;

    /**
     * A copy of the image without its metadata, or the upload itself when its type carries none
     * that is removed. The caller closes both.
     *
     * @return the EXIF orientation (1 to 8; 1 when there was none) besides the copy
     */
    public Stripped strip(SpooledUpload upload, SniffedType type) throws IOException {
        if (!type.contentType().equals("image/jpeg") && !type.contentType().equals("image/png")) {
            return new Stripped(upload, 1, false);
        }
        SpooledUpload copy = SpooledUpload.empty();
        try (InputStream in = new BufferedInputStream(upload.open());
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(copy.path()))) {
            int orientation = type.contentType().equals("image/jpeg") ? stripJpeg(in, out) : stripPng(in, out);
            out.flush();
            return new Stripped(copy.measured(), orientation, true);
        } catch (IOException | RuntimeException e) {
            copy.close();
            throw e;
        }
    }

    /**
     * An image without metadata.
     *
     * @param upload      the bytes to store
     * @param orientation EXIF orientation of the original (1: upright)
     * @param isCopy      true when {@code upload} is a new file the caller must close
     */
    public record Stripped(SpooledUpload upload, int orientation, boolean isCopy) {
    }

    private static int stripJpeg(InputStream raw, OutputStream out) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        if (in.readUnsignedShort() != 0xFFD8) {
            throw new IOException("not a JPEG");
        }
        out.write(0xFF);
        out.write(0xD8);
        int orientation = 1;
        boolean wroteOrientation = false;
        while (true) {
            int marker = nextMarker(in);
            if (marker == SOS || marker == EOI) { // image data from here on: copied as they are
                out.write(0xFF);
                out.write(marker);
                in.transferTo(out);
                return orientation;
            }
            int length = in.readUnsignedShort();
            byte[] payload = new byte[length - 2];
            in.readFully(payload);
            if (marker == APP1 && startsWith(payload, EXIF_HEADER) && !wroteOrientation) {
                orientation = orientation(payload);
                if (orientation != 1) { // in the place of the EXIF segment it replaces
                    writeSegment(out, APP1, minimalExif(orientation));
                    wroteOrientation = true;
                }
            }
            if (keeps(marker, payload)) {
                writeSegment(out, marker, payload);
            }
        }
    }

    /** Keeps what decoding needs (frame, tables, JFIF, Adobe colour, ICC profile); drops the rest of APPn and comments. */
    private static boolean keeps(int marker, byte[] payload) {
        if (marker == COM) {
            return false;
        }
        if (marker < APP0 || marker > APP15) {
            return true;
        }
        return marker == APP0 || marker == APP14 || (marker == APP2 && startsWith(payload, ICC_HEADER));
    }

    private static int nextMarker(DataInputStream in) throws IOException {
        int b = in.readUnsignedByte();
        if (b != 0xFF) {
            throw new IOException("JPEG segment does not start with a marker");
        }
        while (b == 0xFF) { // fill bytes
            b = in.readUnsignedByte();
        }
        return b;
    }

    private static void writeSegment(OutputStream out, int marker, byte[] payload) throws IOException {
        out.write(0xFF);
        out.write(marker);
        out.write((payload.length + 2) >> 8);
        out.write((payload.length + 2) & 0xFF);
        out.write(payload);
    }

    /** The orientation tag of an EXIF segment, read with TwelveMonkeys' TIFF reader; 1 when absent or unreadable. */
    private static int orientation(byte[] exifPayload) {
        try (MemoryCacheImageInputStream tiff = new MemoryCacheImageInputStream(
                new java.io.ByteArrayInputStream(exifPayload, EXIF_HEADER.length,
                        exifPayload.length - EXIF_HEADER.length))) {
            Directory ifd = new TIFFReader().read(tiff);
            Entry entry = ifd.getEntryById(TIFF.TAG_ORIENTATION);
            if (entry != null && entry.getValue() instanceof Number n && n.intValue() >= 1 && n.intValue() <= 8) {
                return n.intValue();
            }
        } catch (IOException | RuntimeException e) {
            Log.debugf("unreadable EXIF ignored: %s", e.toString());
        }
        return 1;
    }

    private static byte[] minimalExif(int orientation) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(EXIF_HEADER);
        try (MemoryCacheImageOutputStream tiff = new MemoryCacheImageOutputStream(bytes)) {
            new TIFFWriter().write(List.of(new TIFFEntry(TIFF.TAG_ORIENTATION, TIFF.TYPE_SHORT, (short) orientation)),
                    tiff);
        }
        return bytes.toByteArray();
    }

    private static int stripPng(InputStream raw, OutputStream out) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        byte[] signature = new byte[PNG_SIGNATURE.length];
        in.readFully(signature);
        if (!java.util.Arrays.equals(signature, PNG_SIGNATURE)) {
            throw new IOException("not a PNG");
        }
        out.write(signature);
        DataOutputStream data = new DataOutputStream(out);
        while (true) {
            int length;
            try {
                length = in.readInt();
            } catch (EOFException end) {
                return 1;
            }
            byte[] kind = new byte[4];
            in.readFully(kind);
            String name = new String(kind, StandardCharsets.ISO_8859_1);
            if (length < 0) {
                throw new IOException("PNG chunk too long");
            }
            if (PNG_METADATA.contains(name)) {
                in.skipNBytes(length + 4L); // data and CRC
                continue;
            }
            data.writeInt(length);
            data.write(kind);
            copy(in, data, length + 4L);
            if (name.equals("IEND")) {
                return 1;
            }
        }
    }

    private static void copy(InputStream in, OutputStream out, long count) throws IOException {
        byte[] buffer = new byte[8192];
        long left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException();
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length
                && java.util.Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
