package chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
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
 * The Helm chart and the kustomize base, checked offline: the chart lints and renders, and
 * every rendered or committed resource reads into the Kubernetes model with no unknown
 * (misspelt) field.
 */
class DeploymentManifestsTest {

    private static final Path ROOT = chat.stack.StackLayout.detect().repoRoot();
    private static final KubernetesSerialization K8S = new KubernetesSerialization();
    private static final List<String> SERVICES =
            List.of("chat-gateway", "auth-service", "message-service", "media-service", "presence-service");

    @Test
    void helmChartLintsAndRendersValidResources() {
        Path chart = ROOT.resolve("deploy/helm/chat-engine");
        LintResult lint = new Helm(chart).lint().call();
        assertFalse(lint.isFailed(), String.join("\n", lint.getMessages()));
        String rendered = new Helm(chart).template().withName("chat").call();
        List<HasMetadata> resources = parseAll(rendered);
        for (String service : SERVICES) {
            assertTrue(resources.stream().anyMatch(r -> r instanceof Deployment && r.getMetadata().getName().equals("chat-" + service)),
                    "chart renders a Deployment for " + service);
        }
    }

    @Test
    void kustomizeBaseResourcesAreValid() throws Exception {
        List<HasMetadata> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("k8s/base"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("kustomization.yaml")).toList()) {
                all.addAll(parseAll(Files.readString(file)));
            }
        }
        long deployments = all.stream().filter(r -> r instanceof Deployment).count();
        assertEquals(SERVICES.size(), deployments);
        String kustomization = Files.readString(ROOT.resolve("k8s/base/kustomization.yaml"));
        try (Stream<Path> files = Files.list(ROOT.resolve("k8s/base"))) {
            files.filter(f -> !f.endsWith("kustomization.yaml")).forEach(f ->
                    assertTrue(kustomization.contains(f.getFileName().toString()), f + " is listed in kustomization.yaml"));
        }
    }

    private static List<HasMetadata> parseAll(String yaml) {
        List<HasMetadata> out = new ArrayList<>();
        for (String doc : yaml.split("(?m)^---\\s*$")) {
            if (doc.lines().allMatch(l -> l.isBlank() || l.trim().startsWith("#"))) {
                continue;
            }
            HasMetadata resource = K8S.unmarshal(doc);
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
        if (node == null || !node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model") || !seen.add(node)) {
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
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
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
