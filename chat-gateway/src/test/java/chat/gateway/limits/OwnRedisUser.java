package chat.gateway.limits;

import chat.stack.RedisAcl;
import chat.stack.ServiceKind;
import chat.stack.test.StackTestResource;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The local stack as for any gateway test, but the gateway logs in to Redis as a user of this
 * test's own (with the gateway's ACL rules), so that the test can take Redis away from this
 * gateway alone ({@link #disconnect}) and give it back ({@link #reconnect}). Leases are long,
 * so that no count is corrected by a lease ending, only by the gateway's writes.
 */
public class OwnRedisUser extends StackTestResource {

    static volatile String user;
    private static final String PASSWORD = "user-limits-test-password";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        user = "test-gw-" + streamPrefix;
        try (AdminRedis admin = admin()) {
            String[] rules = RedisAcl.rules(ServiceKind.GATEWAY).toArray(String[]::new);
            Object[] args = new Object[rules.length + 4];
            args[0] = "SETUSER";
            args[1] = user;
            args[2] = "on";
            args[3] = ">" + PASSWORD;
            System.arraycopy(rules, 0, args, 4, rules.length);
            admin.call("ACL", args);
        }
        URI admin = URI.create(infra.adminRedisUrl());
        config.put("quarkus.redis.hosts",
                "redis://" + user + ":" + PASSWORD + "@" + admin.getHost() + ":" + admin.getPort());
        config.put("chat.gateway.max-connections-per-user", "1000");
        config.put("chat.gateway.user-lease", "10m");
        return config;
    }

    @Override
    public void stop() {
        try (AdminRedis admin = admin()) {
            admin.call("ACL", "DELUSER", user);
        }
    }

    static AdminRedis admin() {
        return new AdminRedis(infra.adminRedisUrl());
    }

    /** This gateway loses Redis: its user is switched off and its connections are closed. */
    static void disconnect(AdminRedis admin) {
        admin.call("ACL", "SETUSER", user, "off");
        admin.call("CLIENT", "KILL", "USER", user);
    }

    /** Redis is back for this gateway. */
    static void reconnect(AdminRedis admin) {
        admin.call("ACL", "SETUSER", user, "on");
    }
}
