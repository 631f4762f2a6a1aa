package chat.media.service;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a WebM file holds, read by walking its EBML elements once, front to back (no Java library
 * of the ecosystem reads Matroska): the types of its tracks and its duration. Browsers' recorders
 * write live WebM without a duration and with clusters of unknown size; the duration is then the
 * last block's time. Matroska's element ids are unique, so a flat walk that enters the few
 * containers it needs and skips every other element is enough.
 *
 * @param audioTracks tracks of type audio
 * @param videoTracks tracks of type video
 * @param durationMs  the duration, or null when the file gives no way to know it
 */
record WebmTracks(int audioTracks, int videoTracks, Long durationMs) {

    private static final long SEGMENT = 0x18538067L;
    private static final long INFO = 0x1549A966L;
    private static final long TRACKS = 0x1654AE6BL;
    private static final long TRACK_ENTRY = 0xAEL;
    private static final long CLUSTER = 0x1F43B675L;
    private static final long BLOCK_GROUP = 0xA0L;
    private static final long TIMECODE_SCALE = 0x2AD7B1L;
    private static final long DURATION = 0x4489L;
    private static final long TRACK_TYPE = 0x83L;
    private static final long CLUSTER_TIMECODE = 0xE7L;
    private static final long SIMPLE_BLOCK = 0xA3L;
    private static final long BLOCK = 0xA1L;
    private static final long UNKNOWN_SIZE = -1;

    static WebmTracks read(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            return new Walk(new DataInputStream(raw)).run();
        }
    }

    /** One pass over the elements. */
    private static final class Walk {

        private final DataInputStream in;
        private long timecodeScale = 1_000_000; // ns per tick, Matroska's default
        private double duration = -1;
        private long clusterTime;
        private long lastBlockTime = -1;
        private int audio;
        private int video;

        Walk(DataInputStream in) {
            this.in = in;
        }

        WebmTracks run() throws IOException {
            while (true) {
                long id;
                try {
                    id = readId();
                } catch (EOFException end) {
                    break;
                }
                long size = readSize();
                if (id == SEGMENT || id == INFO || id == TRACKS || id == TRACK_ENTRY || id == CLUSTER
                        || id == BLOCK_GROUP) {
                    continue; // a container: its children are the next elements
                }
                if (size == UNKNOWN_SIZE) {
                    break; // only containers may have an unknown size
                }
                if (!element(id, size)) {
                    in.skipNBytes(size);
                }
            }
            Long ms = duration >= 0
                    ? Math.round(duration * timecodeScale / 1_000_000.0)
                    : lastBlockTime >= 0 ? lastBlockTime * timecodeScale / 1_000_000 : null;
            return new WebmTracks(audio, video, ms);
        }

        /** Reads the element's data if it is one of interest; false when it must be skipped. */
        private boolean element(long id, long size) throws IOException {
            if (id == TIMECODE_SCALE) {
                timecodeScale = readUnsigned(size);
            } else if (id == DURATION) {
                duration = size == 4 ? in.readFloat() : size == 8 ? in.readDouble() : skipAndFail(size);
            } else if (id == TRACK_TYPE) {
                long type = readUnsigned(size);
                audio += type == 2 ? 1 : 0;
                video += type == 1 ? 1 : 0;
            } else if (id == CLUSTER_TIMECODE) {
                clusterTime = readUnsigned(size);
            } else if ((id == SIMPLE_BLOCK || id == BLOCK) && size >= 4) {
                int trackWidth = vintWidth(in.readUnsignedByte());
                in.skipNBytes(trackWidth - 1);
                short relative = in.readShort();
                lastBlockTime = Math.max(lastBlockTime, clusterTime + relative);
                in.skipNBytes(size - trackWidth - 2);
            } else {
                return false;
            }
            return true;
        }

        private double skipAndFail(long size) throws IOException {
            in.skipNBytes(size);
            return -1;
        }

        private long readId() throws IOException {
            int first = in.readUnsignedByte();
            int width = vintWidth(first);
            if (width > 4) {
                throw new IOException("not an EBML element id");
            }
            long id = first;
            for (int i = 1; i < width; i++) {
                id = (id << 8) | in.readUnsignedByte();
            }
            return id;
        }

        private long readSize() throws IOException {
            int first = in.readUnsignedByte();
            int width = vintWidth(first);
            long value = first & (0xFF >> width);
            boolean allOnes = value == (0xFF >> width);
            for (int i = 1; i < width; i++) {
                int b = in.readUnsignedByte();
                allOnes &= b == 0xFF;
                value = (value << 8) | b;
            }
            return allOnes ? UNKNOWN_SIZE : value;
        }

        private long readUnsigned(long size) throws IOException {
            if (size > 8) {
                throw new IOException("integer element of " + size + " bytes");
            }
            long value = 0;
            for (int i = 0; i < size; i++) {
                value = (value << 8) | in.readUnsignedByte();
            }
            return value;
        }

        private static int vintWidth(int first) throws IOException {
            if (first == 0) {
                throw new IOException("EBML variable-size integer wider than 8 bytes");
            }
            return Integer.numberOfLeadingZeros(first) - 23;
        }
    }
}
