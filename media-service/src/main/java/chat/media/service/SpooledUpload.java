package chat.media.service;

import chat.events.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An upload copied to a temporary file as it arrives, so that it can be checked, decoded and
 * stored (each a pass over the bytes) without ever being held in memory whole. Deleted on close.
 */
public final class SpooledUpload implements AutoCloseable {

    /** Bytes read for type detection: every allowed format is recognised by its first bytes. */
    static final int HEAD_BYTES = 64 * 1024;

    private final Path path;
    private final long size;

    private SpooledUpload(Path path, long size) {
        this.path = path;
        this.size = size;
    }

    /**
     * Copies a stream to a new temporary file.
     *
     * @throws MediaRejected {@code too_large} as soon as more than {@code maxBytes} arrived (the
     *                       file is deleted; the rest of the stream is not read)
     */
    public static SpooledUpload copy(InputStream body, long maxBytes) throws IOException {
        Path path = Files.createTempFile("chat-media-", ".upload");
        try (OutputStream out = Files.newOutputStream(path)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = body.read(buffer)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw new MediaRejected(ErrorCode.TOO_LARGE, "media is larger than " + maxBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return new SpooledUpload(path, total);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
    }

    /** A new, empty temporary file beside uploads (for a rewritten copy). */
    static SpooledUpload empty() throws IOException {
        return new SpooledUpload(Files.createTempFile("chat-media-", ".rewritten"), 0);
    }

    /** The same file, with its size as it is now (after something wrote it). */
    SpooledUpload measured() throws IOException {
        return new SpooledUpload(path, Files.size(path));
    }

    public Path path() {
        return path;
    }

    public long size() {
        return size;
    }

    public InputStream open() throws IOException {
        return Files.newInputStream(path);
    }

    /** The first bytes, for type detection. */
    byte[] head() {
        try (InputStream in = open()) {
            return in.readNBytes(HEAD_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
