package chat.gateway.frames;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The frames the gateway itself writes (the services encode the rest). */
public final class ServerFrames {

    public static final String PONG = "{\"type\":\"pong\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerFrames() {
    }

    public static String error(String code, String reason) {
        return error(code, reason, null);
    }

    /** An error answering a frame that had a {@code client_id} (null when it had none). */
    public static String error(String code, String reason, String clientId) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "error");
        node.put("code", code);
        node.put("reason", reason);
        node.put("client_id", clientId);
        return node.toString();
    }
}
