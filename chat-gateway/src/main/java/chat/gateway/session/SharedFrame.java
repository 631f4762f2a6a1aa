package chat.gateway.session;

import chat.gateway.frames.TextFrameEncoder;
import io.netty.buffer.ByteBuf;

/**
 * A server frame encoded once: its JSON (kept for the rare paths that need it: held during a
 * resume, connections that write through websockets-next) and its WebSocket bytes, which every
 * connection it is written to shares. Reference counted: whoever hands it on retains it.
 */
public final class SharedFrame {

    private final String json;
    private final ByteBuf wire;

    private SharedFrame(String json, ByteBuf wire) {
        this.json = json;
        this.wire = wire;
    }

    /** Encodes the frame; the caller holds its one reference. */
    public static SharedFrame of(String json) {
        return new SharedFrame(json, TextFrameEncoder.encode(json));
    }

    public String json() {
        return json;
    }

    /** The frame's bytes; each write takes a retained duplicate, never this buffer itself. */
    public ByteBuf wire() {
        return wire;
    }

    SharedFrame retain() {
        wire.retain();
        return this;
    }

    void release() {
        wire.release();
    }
}
