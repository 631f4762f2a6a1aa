package chat.auth;

import chat.stack.test.StackTestResource;
import java.util.HashMap;
import java.util.Map;

/**
 * The shared stack resource, plus what auth-service needs on top: the Keycloak admin API of
 * the running Keycloak, and a stand-in presence-service whose answers a test can set.
 */
public class AuthStackResource extends StackTestResource {

    private final StubPresence presence = new StubPresence();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("quarkus.keycloak.admin-client.server-url", infra.keycloakUrl());
        config.put("quarkus.rest-client.presence.url", presence.start());
        return config;
    }

    @Override
    public void stop() {
        presence.stop();
        super.stop();
    }
}
