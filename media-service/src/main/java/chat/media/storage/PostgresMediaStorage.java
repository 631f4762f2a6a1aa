package chat.media.storage;

import chat.media.config.MediaConfig;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Media bytes in PostgreSQL, as rows of {@code media_chunk} of a fixed size: an upload is
 * written one chunk at a time, a download or a range reads one chunk at a time, so memory per
 * request is one chunk whatever the media's size.
 */
@ApplicationScoped
public class PostgresMediaStorage implements MediaStorage {

    private static final String INSERT = "insert into media_chunk (media_id, first_byte, data) values (?, ?, ?)";
    /** The chunk holding a given byte: the last one starting at or before it. */
    private static final String CHUNK_AT = "select first_byte, data from media_chunk where media_id = ? "
            + "and first_byte <= ? order by first_byte desc limit 1";
    private static final String DELETE = "delete from media_chunk where media_id = ?";

    private final AgroalDataSource dataSource;
    private final int chunkBytes;

    public PostgresMediaStorage(AgroalDataSource dataSource, MediaConfig config) {
        this.dataSource = dataSource;
        this.chunkBytes = config.storage().chunkBytes();
    }

    @Override
    public long write(String mediaId, InputStream bytes) throws IOException {
        long offset = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            byte[] chunk;
            while ((chunk = bytes.readNBytes(chunkBytes)).length > 0) {
                insert.setString(1, mediaId);
                insert.setLong(2, offset);
                insert.setBytes(3, chunk);
                insert.executeUpdate();
                offset += chunk.length;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store media " + mediaId, e);
        }
        return offset;
    }

    @Override
    public void read(String mediaId, long first, long last, OutputStream out) throws IOException {
        long next = first;
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(CHUNK_AT)) {
            while (next <= last) {
                query.setString(1, mediaId);
                query.setLong(2, next);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        throw new IOException("media " + mediaId + " has no byte " + next);
                    }
                    long start = row.getLong(1);
                    byte[] data = row.getBytes(2);
                    int from = (int) (next - start);
                    if (from >= data.length) {
                        throw new IOException("media " + mediaId + " has no byte " + next);
                    }
                    int to = (int) Math.min(data.length, last - start + 1);
                    out.write(data, from, to - from);
                    next = start + to;
                }
            }
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("cannot read media " + mediaId, e));
        }
    }

    @Override
    public void delete(String mediaId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement delete = c.prepareStatement(DELETE)) {
            delete.setString(1, mediaId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete media " + mediaId, e);
        }
    }
}
