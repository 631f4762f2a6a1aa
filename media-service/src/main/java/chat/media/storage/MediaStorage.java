package chat.media.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where media bytes live, always as streams: no implementation holds a whole media in memory.
 * PostgreSQL is the default ({@link PostgresMediaStorage}); an S3-compatible object store fits
 * the same three operations (put an object, ranged get, delete).
 */
public interface MediaStorage {

    /**
     * Stores a media's bytes under its id, reading the stream to its end. Joins the caller's
     * transaction when the store is transactional, so a failed upload leaves nothing behind.
     *
     * @return the number of bytes stored
     */
    long write(String mediaId, InputStream bytes) throws IOException;

    /** Writes bytes {@code first..last} (inclusive) of a stored media to {@code out}. */
    void read(String mediaId, long first, long last, OutputStream out) throws IOException;

    /** Removes a media's bytes; nothing happens when there are none. */
    void delete(String mediaId);
}
