package chat.load.client;

/** What a workload does with the frames of its connections (called on the connection's event loop). */
public interface FrameListener {

    void onFrame(ChatConnection connection, IncomingFrame frame);
}
