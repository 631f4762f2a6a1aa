package chat.gateway.frames;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * Encodes a server frame's JSON as one complete WebSocket text frame (RFC 6455: final, unmasked,
 * as a server sends it), header and payload in one direct buffer, so that a room event is encoded
 * once and the same bytes are written to every connection of the room.
 */
public final class TextFrameEncoder {

    private static final int FIN_TEXT = 0x81;
    private static final int MAX_ONE_BYTE_LENGTH = 125;
    private static final int TWO_BYTE_LENGTH = 126;
    private static final int EIGHT_BYTE_LENGTH = 127;

    private TextFrameEncoder() {
    }

    /** The frame's bytes; the caller owns the one reference of the returned buffer. */
    public static ByteBuf encode(String json) {
        int length = ByteBufUtil.utf8Bytes(json);
        int header = length <= MAX_ONE_BYTE_LENGTH ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(header + length);
        buf.writeByte(FIN_TEXT);
        if (length <= MAX_ONE_BYTE_LENGTH) {
            buf.writeByte(length);
        } else if (length <= 0xFFFF) {
            buf.writeByte(TWO_BYTE_LENGTH);
            buf.writeShort(length);
        } else {
            buf.writeByte(EIGHT_BYTE_LENGTH);
            buf.writeLong(length);
        }
        ByteBufUtil.reserveAndWriteUtf8(buf, json, length);
        return buf;
    }
}
