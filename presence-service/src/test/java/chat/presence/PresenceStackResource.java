package chat.presence;

import chat.stack.test.StackTestResource;
import java.util.HashMap;
import java.util.Map;

/** The shared stack resource, plus a stand-in auth-service for resolving callers' ids. */
public class PresenceStackResource extends StackTestResource {

    private final StubAuth auth = new StubAuth();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("quarkus.rest-client.auth-service.url", auth.start());
        return config;
    }

    @Override
    public void stop() {
        auth.stop();
        super.stop();
    }
}
