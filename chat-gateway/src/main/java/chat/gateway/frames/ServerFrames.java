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
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "error");
        node.put("code", code);
        node.put("reason", reason);
        return node.toString();
    }
}
