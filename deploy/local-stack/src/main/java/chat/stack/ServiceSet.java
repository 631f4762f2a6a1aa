package chat.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five services as real processes ({@code java -jar .../quarkus-run.jar}), plus an
 * optional second gateway, all on one stream prefix.
 *
 * @param infra        the servers they use
 * @param portBase     port of the gateway; the others follow (+1 auth, +2 message, +3 media, +4 presence);
 *                     each instance's management interface (metrics) listens on its port + {@value #MANAGEMENT_OFFSET}
 * @param secondGatewayPort port of a second gateway instance, or 0 for none
 * @param streamPrefix stream key prefix shared by this set of services
 * @param tag          name part of the pid and log files of this set
 * @param gatewayConfig extra configuration of the gateway instances (tests tighten limits with it)
 */
public record ServiceSet(InfraEndpoints infra, int portBase, int secondGatewayPort, String streamPrefix, String tag,
        Map<String, String> gatewayConfig) {

    /** Management interface (Prometheus metrics at /q/metrics) = the instance's HTTP port + this. */
    public static final int MANAGEMENT_OFFSET = 1000;

    public ServiceSet(InfraEndpoints infra, int portBase, int secondGatewayPort, String streamPrefix, String tag) {
        this(infra, portBase, secondGatewayPort, streamPrefix, tag, Map.of());
    }

    /** The local development set: gateway 8080, services 8081-8084, optional gateway 8090 ({@code CHAT_PORT} moves them). */
    public static ServiceSet development(InfraEndpoints infra, boolean secondGateway) {
        int port = Integer.parseInt(System.getenv().getOrDefault("CHAT_PORT", "8080"));
        return new ServiceSet(infra, port, secondGateway ? port + 10 : 0, "chat", "dev");
    }

    public int port(ServiceKind kind) {
        return portBase + switch (kind) {
            case GATEWAY -> 0;
            case AUTH -> 1;
            case MESSAGE -> 2;
            case MEDIA -> 3;
            case PRESENCE -> 4;
        };
    }

    public String url(ServiceKind kind) {
        return "http://127.0.0.1:" + port(kind);
    }

    public String gatewayUrl() {
        return url(ServiceKind.GATEWAY);
    }

    public String secondGatewayUrl() {
        return "http://127.0.0.1:" + secondGatewayPort;
    }

    /** Starts what is not yet running and waits until every instance is ready. */
    public void start(StackLayout layout) {
        List<Runnable> waits = new ArrayList<>();
        for (ServiceKind kind : List.of(ServiceKind.AUTH, ServiceKind.MESSAGE, ServiceKind.MEDIA,
                ServiceKind.PRESENCE, ServiceKind.GATEWAY)) {
            waits.add(launch(layout, kind, port(kind), kind.name().toLowerCase()));
        }
        if (secondGatewayPort > 0) {
            waits.add(launch(layout, ServiceKind.GATEWAY, secondGatewayPort, "gateway-2"));
        }
        waits.forEach(Runnable::run);
    }

    public void stop(StackLayout layout) {
        // gateways first, so that no new work enters while the services drain
        Processes.stop(layout, pidName("gateway-2"));
        Processes.stop(layout, pidName(ServiceKind.GATEWAY.name().toLowerCase()));
        for (ServiceKind kind : List.of(ServiceKind.MEDIA, ServiceKind.MESSAGE, ServiceKind.PRESENCE,
                ServiceKind.AUTH)) {
            Processes.stop(layout, pidName(kind.name().toLowerCase()));
        }
    }

    /** The management (metrics) base URL of the instance listening on {@code port}. */
    public static String managementUrl(int port) {
        return "http://127.0.0.1:" + (port + MANAGEMENT_OFFSET);
    }

    /**
     * Stops one instance as Kubernetes does (SIGTERM) and waits for it to exit.
     *
     * @return how long it took to exit
     */
    public Duration terminate(StackLayout layout, String instance, Duration atMost) {
        long start = System.nanoTime();
        Processes.recorded(layout, pidName(instance)).ifPresent(process -> {
            process.destroy();
            process.onExit().orTimeout(atMost.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).join();
        });
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Starts one more instance of a service (e.g. a second message-service sharing the
     * partitions) on its own port and waits until it is ready; {@link #stopInstance} ends it.
     */
    public void startInstance(StackLayout layout, ServiceKind kind, int port, String instance) {
        launch(layout, kind, port, instance).run();
    }

    public void stopInstance(StackLayout layout, String instance) {
        Processes.stop(layout, pidName(instance));
    }

    /** Kills one instance at once (SIGKILL), as a crash would. */
    public void kill(StackLayout layout, String instance) {
        Processes.recorded(layout, pidName(instance)).ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
        });
    }

    private Runnable launch(StackLayout layout, ServiceKind kind, int port, String instance) {
        String health = "http://127.0.0.1:" + port + "/q/health/ready";
        Path log = layout.logDir().resolve(tag + "-" + instance + ".log");
        if (Processes.recorded(layout, pidName(instance)).isPresent()) {
            return () -> Processes.await(kind.module(), Duration.ofSeconds(90), log, () -> Processes.httpOk(health));
        }
        Path jar = layout.serviceJar(kind.module());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (mvn -DskipTests package)");
        }
        // a gateway holds ~16 KB of heap per idle connection (27 KB for browser sessions): 768 MB keep 15,000 under the admission
        // bound (chat.gateway.max-heap-after-gc, 0.8); deploy/README.md, "Sizing the gateway"
        String heap = kind == ServiceKind.GATEWAY ? "-Xmx768m" : "-Xmx384m";
        List<String> command = new ArrayList<>(List.of("java", heap, "-XX:+UseSerialGC"));
        config(kind, port, instance).forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        Processes.startDetached(layout, pidName(instance), command, Map.of(), layout.repoRoot(), log);
        return () -> Processes.await(kind.module() + " on port " + port, Duration.ofSeconds(120), log,
                () -> Processes.httpOk(health));
    }

    private Map<String, String> config(ServiceKind kind, int port, String instance) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.http.port", Integer.toString(port));
        config.put("quarkus.http.host", "127.0.0.1");
        config.put("quarkus.management.port", Integer.toString(port + MANAGEMENT_OFFSET));
        config.put("quarkus.management.host", "127.0.0.1");
        if ("dev".equals(tag) && !"true".equals(System.getenv("CHAT_LOG_JSON"))) {
            config.put("quarkus.log.console.json.enabled", "false"); // readable logs locally; JSON elsewhere
        }
        config.put("quarkus.redis.hosts", infra.redisUrl(kind));
        config.put("quarkus.oidc.auth-server-url", infra.realmUrl());
        config.put("chat.streams.prefix", streamPrefix);
        config.put("chat.instance-id", tag + "-" + instance);
        if ("it".equals(tag)) {
            // tests see the trace context in the stream entries; sampled off, so nothing is exported
            config.put("quarkus.otel.sdk.disabled", "false");
            config.put("quarkus.otel.traces.sampler.arg", "0"); // the ratio: the sampler itself is fixed at build time
            // tests read the gateway's line per connection (DEBUG elsewhere: thousands a second in a connect storm)
            config.put("quarkus.log.category.\"chat.gateway.ws.ChatSocketHandler\".level", "DEBUG");
        }
        if (kind.database() != null) {
            config.put("quarkus.datasource.jdbc.url", infra.jdbcUrl(kind.database()));
            config.put("quarkus.datasource.username", infra.dbUser());
            config.put("quarkus.datasource.password", infra.dbPassword());
        }
        // where the services find each other: the same keys in every service
        config.put("chat.services.auth", url(ServiceKind.AUTH));
        config.put("chat.services.message", url(ServiceKind.MESSAGE));
        config.put("chat.services.media", url(ServiceKind.MEDIA));
        config.put("chat.services.presence", url(ServiceKind.PRESENCE));
        if (kind == ServiceKind.GATEWAY) {
            config.putAll(gatewayConfig);
        }
        if (kind == ServiceKind.AUTH) {
            config.put("quarkus.keycloak.admin-client.server-url", infra.keycloakUrl());
            config.put("quarkus.keycloak.admin-client.client-secret", DevSecrets.AUTH_SERVICE_CLIENT_SECRET);
            config.put("quarkus.oidc-client.credentials.secret", DevSecrets.AUTH_SERVICE_CLIENT_SECRET);
        }
        if (kind == ServiceKind.GATEWAY) {
            config.put("quarkus.oidc.web.credentials.secret", DevSecrets.GATEWAY_LOGIN_CLIENT_SECRET);
            config.put("quarkus.oidc-client.credentials.secret", DevSecrets.GATEWAY_SERVICE_CLIENT_SECRET);
        }
        // the services run in their production profile: the secrets above are the launcher's to give
        return config;
    }

    private String pidName(String instance) {
        return "svc-" + tag + "-" + instance;
    }
}
