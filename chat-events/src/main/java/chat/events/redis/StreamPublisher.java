package chat.events.redis;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import java.util.Map;

/** XADD requests for pipelines ({@link RoomEventStreams}, the gateway's command connection). */
public final class StreamPublisher {

    private StreamPublisher() {
    }

    /**
     * An XADD request appending {@code fields} to {@code key}, trimmed to about {@code maxLength}
     * entries ({@code MAXLEN ~}; 0: never, as for command streams, which their consumers trim).
     */
    public static Request xadd(String key, long maxLength, Map<String, String> fields) {
        Request r = Request.cmd(Command.XADD).arg(key);
        if (maxLength > 0) {
            r.arg("MAXLEN").arg("~").arg(maxLength);
        }
        r.arg("*");
        fields.forEach((k, v) -> r.arg(k).arg(v));
        return r;
    }
}
