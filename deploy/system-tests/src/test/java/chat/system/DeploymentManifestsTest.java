package chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart and the kustomize overlays, checked offline: the chart lints and renders with
 * several value sets (defaults, external services with existing Secrets, Ingress with TLS and
 * autoscaling) through the real Helm library; every overlay renders with {@code kubectl kustomize};
 * every resource reads into the Kubernetes model with no unknown (misspelt) field; and the
 * operational parts are there (probes, resources, drain, Ingress, HPAs, PDBs, one image setting).
 */
class DeploymentManifestsTest {

    private static final Path ROOT = chat.stack.StackLayout.detect().repoRoot();
    private static final KubernetesSerialization K8S = new KubernetesSerialization();
    private static final Path CHART = ROOT.resolve("deploy/helm/chat-engine");
    private static final Path VALUES = ROOT.resolve("deploy/system-tests/src/test/resources/helm-values");
    private static final List<String> SERVICES = List.of("chat-gateway", "auth-service", "message-service",
            "media-service", "presence-service");

    @Test
    void helmChartLintsAndRendersValidResources() {
        Path chart = CHART;
        LintResult lint = new Helm(chart).lint().call();
        assertFalse(lint.isFailed(), String.join("\n", lint.getMessages()));
        String rendered = new Helm(chart).template().withName("chat").call();
        List<HasMetadata> resources = parseAll(rendered);
        for (String service : SERVICES) {
            assertTrue(
                    resources.stream().anyMatch(
                            r -> r instanceof Deployment && r.getMetadata().getName().equals("chat-" + service)),
                    "chart renders a Deployment for " + service);
        }
        operational(resources, "chart defaults");
        assertEquals(SERVICES.size(), resources.stream().filter(r -> r instanceof PodDisruptionBudget).count());
        Map<String, String> ownKeys = new java.util.HashMap<>();
        SERVICES.forEach(s -> ownKeys.put(s, s + "-password"));
        ownRedisCredentials(resources, "chat-", "chat-redis", ownKeys, Map.of());
        Container auth = deployment(resources, "chat-auth-service").getSpec().getTemplate().getSpec().getContainers()
                .get(0);
        assertEquals("10.0.0.0/8", env(auth, "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES").getValue(),
                "auth-service believes X-Forwarded-For from the gateways' pod network only");
    }

    @Test
    void helmChartWithExternalServicesTakesEveryCredentialFromExistingSecrets() {
        List<HasMetadata> resources = render("external-services.yaml");
        Deployment auth = deployment(resources, "chat-auth-service");
        Container c = auth.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("registry.example.com/chat-engine/auth-service:1.2.3", c.getImage());
        assertEquals("managed-pg", secretOf(c, "QUARKUS_DATASOURCE_PASSWORD").getName());
        assertEquals("pass", secretOf(c, "QUARKUS_DATASOURCE_PASSWORD").getKey());
        ownRedisCredentials(resources, "chat-", "managed-redis",
                Map.of("chat-gateway", "gateway-redis-password", "auth-service", "auth-redis-password",
                        "message-service", "message-redis-password", "media-service", "media-redis-password",
                        "presence-service", "presence-redis-password"),
                Map.of("chat-gateway", "chat-prod-gateway", "auth-service", "chat-prod-auth", "message-service",
                        "chat-prod-message", "media-service", "chat-prod-media", "presence-service",
                        "chat-prod-presence"));
        assertEquals("chat-clients", secretOf(c, "QUARKUS_KEYCLOAK_ADMIN_CLIENT_CLIENT_SECRET").getName());
        assertTrue(env(c, "QUARKUS_DATASOURCE_JDBC_URL").getValue()
                .startsWith("jdbc:postgresql://pg.db.example.internal:6432/"));
        assertEquals("INFO", env(c, "QUARKUS_LOG_LEVEL").getValue(), "extraEnv");
        assertEquals("registry-credentials",
                auth.getSpec().getTemplate().getSpec().getImagePullSecrets().get(0).getName());
        assertTrue(auth.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity() != null, "affinity");
        Deployment gateway = deployment(resources, "chat-chat-gateway");
        assertEquals(4, gateway.getSpec().getReplicas());
        assertEquals("30",
                env(gateway.getSpec().getTemplate().getSpec().getContainers().get(0), "CHAT_GATEWAY_FRAMES_PER_SECOND")
                        .getValue());
        for (HasMetadata r : resources) {
            if (r instanceof Deployment d) {
                for (EnvVar e : d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
                    assertTrue(
                            !e.getName().contains("PASSWORD") && !e.getName().contains("SECRET")
                                    || e.getValueFrom() != null,
                            d.getMetadata().getName() + ": " + e.getName() + " comes from a Secret");
                }
            }
        }
    }

    @Test
    void helmChartWithIngressTlsAutoscalingAndServiceMonitor() {
        String rendered = new Helm(CHART).template().withName("chat")
                .withValuesFile(VALUES.resolve("ingress-tls.yaml")).call();
        List<HasMetadata> resources = parseAll(rendered);
        Ingress ingress = only(resources, Ingress.class);
        assertEquals("chat-example-org-tls", ingress.getSpec().getTls().get(0).getSecretName());
        assertEquals("chat.example.org", ingress.getSpec().getRules().get(0).getHost());
        assertEquals("chat-chat-gateway",
                ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getName());
        assertEquals("3600",
                ingress.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/proxy-read-timeout"));
        assertEquals("17m", ingress.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/proxy-body-size"));
        List<String> scaled = resources.stream().filter(r -> r instanceof HorizontalPodAutoscaler)
                .map(r -> ((HorizontalPodAutoscaler) r).getSpec().getScaleTargetRef().getName()).sorted().toList();
        assertEquals(List.of("chat-chat-gateway", "chat-message-service"), scaled);
        assertTrue(rendered.contains("kind: ServiceMonitor") && rendered.contains("port: management")
                && rendered.contains("path: /q/metrics"), "ServiceMonitor scrapes the management ports");
        assertEquals("10.0.0.0/8", env(deployment(resources, "chat-chat-gateway").getSpec().getTemplate().getSpec()
                .getContainers().get(0), "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES").getValue());
    }

    @Test
    void helmChartRefusesValuesTheSchemaForbids() {
        Path bad = VALUES.resolve("../helm-bad-values.yaml");
        try {
            Files.writeString(bad, "redis:\n  url: 10.0.0.5:6379\n");
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> new Helm(CHART).template().withName("chat").withValuesFile(bad).call());
            assertTrue(e.getMessage().contains("schema") || e.getMessage().contains("pattern"), e.getMessage());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } finally {
            bad.toFile().delete();
        }
    }

    @Test
    void helmChartRefusesTwoServicesSharingARedisPassword() {
        Path shared = VALUES.resolve("../helm-shared-redis-password.yaml");
        try {
            Files.writeString(shared, "redis:\n  users:\n    media-service: {username: media-service, passwordKey: "
                    + "message-service-password}\n");
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> new Helm(CHART).template().withName("chat").withValuesFile(shared).call());
            assertTrue(e.getMessage().contains("shares the password key message-service-password"), e.getMessage());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } finally {
            shared.toFile().delete();
        }
    }

    @Test
    void everyKustomizeOverlayRendersValidResources() {
        for (String dir : List.of("k8s/base", "k8s/overlays/dev", "k8s/overlays/production")) {
            List<HasMetadata> resources = parseAll(kustomize(dir));
            assertEquals(SERVICES.size(), resources.stream().filter(r -> r instanceof Deployment
                    && r.getMetadata().getLabels().containsValue("chat-engine")).count(), dir);
            operational(resources, dir);
            String redisSecret = dir.endsWith("dev") ? secretNamed(resources, "chat-redis") : "chat-redis";
            Map<String, String> ownKeys = new java.util.HashMap<>();
            SERVICES.forEach(s -> ownKeys.put(s, s + "-password"));
            ownRedisCredentials(resources, "", redisSecret, ownKeys, Map.of());
        }
    }

    @Test
    void devOverlayRedisHasTheLaunchersAclUsersWithTheServicesOwnPasswords() {
        List<HasMetadata> resources = parseAll(kustomize("k8s/overlays/dev"));
        Container redis = deployment(resources, "redis").getSpec().getTemplate().getSpec().getContainers().get(0);
        Secret secret = resources.stream()
                .filter(r -> r instanceof Secret && r.getMetadata().getName().startsWith("chat-redis-"))
                .map(Secret.class::cast).findFirst().orElseThrow();
        Set<String> passwordKeys = redisUsersAreRedisAcls(resources, "", redis, secret.getMetadata().getName());
        Set<String> passwords = new java.util.HashSet<>();
        passwordKeys.forEach(key -> assertTrue(passwords.add(secret.getData().get(key)), key + " shares a password"));
    }

    @Test
    void helmChartDeploysRedisWithTheLaunchersAclUsers() {
        List<HasMetadata> resources = render("redis-deployed.yaml");
        Container redis = deployment(resources, "chat-redis").getSpec().getTemplate().getSpec().getContainers().get(0);
        redisUsersAreRedisAcls(resources, "chat-", redis, "chat-redis");
        ConfigMap config = only(resources, ConfigMap.class);
        assertEquals("redis://chat-redis:6379", config.getData().get("CHAT_REDIS_URL"), "services reach that Redis");
    }

    /**
     * The Redis container's users are RedisAcl's (one per service, its rules exactly), each with the
     * password under the key its service reads, and default has its own key; returns those keys.
     */
    private static Set<String> redisUsersAreRedisAcls(List<HasMetadata> resources, String prefix, Container redis,
            String secret) {
        Map<String, List<String>> users = redisUsers(redis.getArgs());
        assertEquals(SERVICES.size(), users.size(), "one user per service: " + users.keySet());
        Set<String> keys = new java.util.HashSet<>();
        for (chat.stack.ServiceKind kind : chat.stack.ServiceKind.values()) {
            List<String> user = users.get(kind.module());
            assertNotNull(user, "Redis user " + kind.module());
            assertEquals("on", user.get(0), kind.module());
            assertEquals(chat.stack.RedisAcl.rules(kind), user.subList(2, user.size()),
                    kind.module() + ": the local launcher's rules (RedisAcl)");
            // the password Redis sets is the one the service reads: the same Secret key
            SecretKeySelector redisSide = secretOf(redis, user.get(1).replaceFirst("^>\\$\\((\\w+)\\)$", "$1"));
            Container service = deployment(resources, prefix + kind.module()).getSpec().getTemplate().getSpec()
                    .getContainers().get(0);
            assertEquals(secretOf(service, "QUARKUS_REDIS_PASSWORD").getKey(), redisSide.getKey(), kind.module());
            assertEquals(secret, redisSide.getName(), kind.module());
            assertTrue(keys.add(redisSide.getKey()), kind.module() + " shares a password key");
        }
        int requirepass = redis.getArgs().indexOf("--requirepass");
        assertTrue(requirepass >= 0, "default has a password");
        SecretKeySelector defaultSide = secretOf(redis, redis.getArgs().get(requirepass + 1).replaceAll("[$()]", ""));
        assertEquals(secret, defaultSide.getName());
        assertTrue(keys.add(defaultSide.getKey()), "default shares a service's password key");
        return keys;
    }

    @Test
    void readmeTellsOperatorsTheLaunchersRedisAclRules() throws Exception {
        List<String> documented = Files.readString(ROOT.resolve("deploy/README.md")).lines()
                .filter(l -> l.startsWith("ACL SETUSER ")).toList();
        assertEquals(SERVICES.size(), documented.size(), "one ACL SETUSER line per service");
        for (chat.stack.ServiceKind kind : chat.stack.ServiceKind.values()) {
            String expected = "ACL SETUSER " + kind.module() + " reset on >PASSWORD "
                    + String.join(" ", chat.stack.RedisAcl.rules(kind));
            assertTrue(documented.contains(expected), "deploy/README.md lacks: " + expected);
        }
    }

    /** The {@code --user NAME RULES...} groups of a redis-server command line, by user name. */
    private static Map<String, List<String>> redisUsers(List<String> args) {
        Map<String, List<String>> users = new java.util.LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--user")) {
                int end = i + 2;
                while (end < args.size() && !args.get(end).startsWith("--")) {
                    end++;
                }
                users.put(args.get(i + 1), new ArrayList<>(args.subList(i + 2, end)));
                i = end - 1;
            }
        }
        return users;
    }

    /**
     * Every service logs in to Redis as its own user ({@code ?user=} on the shared URL) with the
     * password under its own key of the Secret: no two services share a user or a key.
     */
    private static void ownRedisCredentials(List<HasMetadata> resources, String prefix, String secret,
            Map<String, String> passwordKeys, Map<String, String> usernames) {
        Set<String> keys = new java.util.HashSet<>();
        Set<String> names = new java.util.HashSet<>();
        for (String service : SERVICES) {
            Container c = deployment(resources, prefix + service).getSpec().getTemplate().getSpec().getContainers()
                    .get(0);
            SecretKeySelector password = secretOf(c, "QUARKUS_REDIS_PASSWORD");
            assertEquals(secret, password.getName(), service);
            assertEquals(passwordKeys.get(service), password.getKey(), service + " reads its own password");
            String user = usernames.getOrDefault(service, service);
            assertEquals("$(CHAT_REDIS_URL)?user=" + user, env(c, "QUARKUS_REDIS_HOSTS").getValue(), service);
            assertTrue(keys.add(password.getKey()) && names.add(user), service + " shares Redis credentials");
        }
    }

    private static String secretNamed(List<HasMetadata> resources, String generatedFrom) {
        return resources.stream().filter(r -> r instanceof Secret)
                .map(r -> r.getMetadata().getName()).filter(n -> n.startsWith(generatedFrom + "-")).findFirst()
                .orElseThrow(() -> new AssertionError("no Secret " + generatedFrom));
    }

    @Test
    void productionOverlayHasIngressAutoscalingAndOneImageSetting() {
        List<HasMetadata> resources = parseAll(kustomize("k8s/overlays/production"));
        Ingress ingress = only(resources, Ingress.class);
        assertEquals("chat-tls", ingress.getSpec().getTls().get(0).getSecretName());
        assertEquals("3600",
                ingress.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/proxy-read-timeout"));
        assertEquals(2, resources.stream().filter(r -> r instanceof HorizontalPodAutoscaler).count());
        assertEquals(SERVICES.size(), resources.stream().filter(r -> r instanceof PodDisruptionBudget).count());
        for (String service : SERVICES) {
            assertEquals("registry.example.com/chat-engine/" + service + ":0.1.0",
                    deployment(resources, service).getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        }
        assertTrue(resources.stream().noneMatch(r -> r.getMetadata().getName().equals("chat-images")),
                "local config is not applied");
    }

    @Test
    void devOverlayBringsItsOwnPostgresRedisAndKeycloak() {
        List<HasMetadata> resources = parseAll(kustomize("k8s/overlays/dev"));
        for (String infra : List.of("postgres", "redis", "keycloak")) {
            deployment(resources, infra);
        }
        List<String> secrets = resources.stream().filter(r -> r instanceof Secret).map(r -> r.getMetadata().getName())
                .toList();
        for (String secret : List.of("chat-db", "chat-redis", "chat-oidc")) {
            assertTrue(secrets.stream().anyMatch(s -> s.startsWith(secret + "-")),
                    "generated Secret " + secret + ": " + secrets);
        }
        assertTrue(resources.stream().anyMatch(r -> r instanceof ConfigMap cm && cm.getData() != null
                && cm.getData().getOrDefault("chat-realm.json", "").contains("\"realm\"")), "the realm is imported");
        Container redis = deployment(resources, "redis").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertTrue(redis.getArgs().contains("--requirepass"), "Redis wants a password");
        Container gateway = deployment(resources, "chat-gateway").getSpec().getTemplate().getSpec().getContainers()
                .get(0);
        assertEquals("127.0.0.1:5000/chat-engine/chat-gateway:0.1.0-SNAPSHOT", gateway.getImage());
    }

    /** Probes, requests and the gateway's drain, wherever a chat service is deployed. */
    private static void operational(List<HasMetadata> resources, String where) {
        for (HasMetadata r : resources) {
            if (!(r instanceof Deployment d)
                    || !SERVICES.contains(d.getMetadata().getLabels().get("app.kubernetes.io/name"))) {
                continue;
            }
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            Container c = pod.getContainers().get(0);
            String name = where + " " + d.getMetadata().getName();
            assertNotNull(c.getStartupProbe(), name + " startup probe");
            assertNotNull(c.getReadinessProbe(), name + " readiness probe");
            assertNotNull(c.getResources().getRequests().get("cpu"), name + " cpu request");
            assertNotNull(c.getResources().getRequests().get("memory"), name + " memory request");
            assertTrue(c.getPorts().stream().anyMatch(p -> "management".equals(p.getName())
                    && p.getContainerPort() == c.getPorts().get(0).getContainerPort() + 1000),
                    name + " management port");
            if (d.getMetadata().getName().endsWith("chat-gateway")) {
                assertNotNull(c.getLifecycle().getPreStop().getExec(), name + " preStop pause");
                assertEquals(30L, pod.getTerminationGracePeriodSeconds(), name);
                assertEquals("15s", env(c, "CHAT_GATEWAY_DRAIN_TIMEOUT").getValue(),
                        name + " drain fits the grace period");
            }
        }
    }

    private static String kustomize(String dir) {
        try {
            // the dev overlay imports the realm from deploy/keycloak, outside its folder
            Process p = new ProcessBuilder("kubectl", "kustomize", "--load-restrictor", "LoadRestrictionsNone",
                    ROOT.resolve(dir).toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), "kubectl kustomize " + dir + ": " + out);
            return out;
        } catch (java.io.IOException e) {
            throw new AssertionError("kubectl is needed to render the overlays (kubectl kustomize)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<HasMetadata> render(String valuesFile) {
        return parseAll(new Helm(CHART).template().withName("chat").withValuesFile(VALUES.resolve(valuesFile)).call());
    }

    private static Deployment deployment(List<HasMetadata> resources, String name) {
        return resources.stream().filter(r -> r instanceof Deployment && r.getMetadata().getName().equals(name))
                .map(Deployment.class::cast).findFirst().orElseThrow(() -> new AssertionError("no Deployment " + name));
    }

    private static <T extends HasMetadata> T only(List<HasMetadata> resources, Class<T> type) {
        List<T> found = resources.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), type.getSimpleName());
        return found.get(0);
    }

    private static EnvVar env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + " has no " + name));
    }

    private static SecretKeySelector secretOf(Container c, String name) {
        return env(c, name).getValueFrom().getSecretKeyRef();
    }

    @Test
    void kustomizeBaseResourcesAreValid() throws Exception {
        List<HasMetadata> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("k8s/base"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("kustomization.yaml"))
                    .toList()) {
                all.addAll(parseAll(Files.readString(file)));
            }
        }
        long deployments = all.stream().filter(r -> r instanceof Deployment).count();
        assertEquals(SERVICES.size(), deployments);
        String kustomization = Files.readString(ROOT.resolve("k8s/base/kustomization.yaml"));
        try (Stream<Path> files = Files.list(ROOT.resolve("k8s/base"))) {
            files.filter(f -> !f.endsWith("kustomization.yaml"))
                    .forEach(f -> assertTrue(kustomization.contains(f.getFileName().toString()),
                            f + " is listed in kustomization.yaml"));
        }
    }

    private static List<HasMetadata> parseAll(String yaml) {
        List<HasMetadata> out = new ArrayList<>();
        for (String doc : yaml.split("(?m)^---\\s*$")) {
            if (doc.lines().allMatch(l -> l.isBlank() || l.trim().startsWith("#"))) {
                continue;
            }
            HasMetadata resource = K8S.unmarshal(doc);
            if (resource instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource) {
                out.add(resource); // a custom resource (ServiceMonitor): no model to check it against
                continue;
            }
            List<String> unknown = new ArrayList<>();
            unknownFields(resource, resource.getKind() + "/" + resource.getMetadata().getName(), unknown,
                    java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
            assertTrue(unknown.isEmpty(), "unknown fields: " + unknown);
            out.add(resource);
        }
        return out;
    }

    /** Walks the model objects; any additionalProperties entry is a field Kubernetes does not know. */
    private static void unknownFields(Object node, String path, List<String> unknown, Set<Object> seen) {
        if (node == null || !node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")
                || !seen.add(node)) {
            if (node instanceof Collection<?> list) {
                int i = 0;
                for (Object item : list) {
                    unknownFields(item, path + "[" + i++ + "]", unknown, seen);
                }
            } else if (node instanceof Map<?, ?> map) {
                map.forEach((k, v) -> unknownFields(v, path + "." + k, unknown, seen));
            }
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || getter.getName().equals("getClass")) {
                continue;
            }
            try {
                Object value = getter.invoke(node);
                if (getter.getName().equals("getAdditionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        unknown.add(path + ": " + extra.keySet());
                    }
                } else {
                    unknownFields(value, path + "." + getter.getName().substring(3), unknown, seen);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
