package chat.presence;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A gateway counts as dead 2 s after its last heartbeat, and the sweeper looks every second. */
public class ShortTtlProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("chat.presence.gateway-ttl", "2s", "chat.presence.sweep-interval", "1s");
    }
}
