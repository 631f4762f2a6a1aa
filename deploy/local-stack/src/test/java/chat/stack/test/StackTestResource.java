package chat.stack.test;

import chat.stack.InfraEndpoints;
import chat.stack.Infrastructure;
import chat.stack.ServiceKind;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Points a {@code @QuarkusTest} at the real PostgreSQL, Redis and Keycloak of the local
 * stack (starting them when they are not running) and gives the test a stream prefix of
 * its own, so that tests sharing one Redis never read each other's entries.
 *
 * <p>Init arg {@code database}: the service's database (see {@link ServiceKind}); the service
 * then logs in to Redis as its own user.
 */
public class StackTestResource implements QuarkusTestResourceLifecycleManager {

    /** Set for the running test: where the servers are. */
    public static volatile InfraEndpoints infra;
    /** Set for the running test: its stream prefix. */
    public static volatile String streamPrefix;

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
    }

    @Override
    public Map<String, String> start() {
        infra = Infrastructure.ensureRunning();
        streamPrefix = "test-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.redis.hosts", infra.redisUrl(ServiceKind.GATEWAY));
        config.put("quarkus.oidc.auth-server-url", infra.realmUrl());
        config.put("chat.streams.prefix", streamPrefix);
        if (database != null) {
            config.putAll(infra.quarkusConfig(ServiceKind.ofDatabase(database)));
        }
        return config;
    }

    @Override
    public void stop() {
        // the servers are shared by every test JVM and stay up; `deploy/chat down` stops them
    }
}
