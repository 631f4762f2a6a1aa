package chat.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The committed OpenAPI contracts ({@code deploy/openapi/<service>.yaml}) as the repository's
 * last commit holds them: the build rewrites the working copy, so a changed contract shows as a
 * diff to commit, and comparing with the commit catches one that was not.
 */
final class Contracts {

    static final Path ROOT = chat.stack.StackLayout.detect().repoRoot();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Contracts() {
    }

    /** The committed contract of a service (from git's HEAD; the working copy where there is no git). */
    static JsonNode committed(String service) {
        String file = "deploy/openapi/" + service + ".yaml";
        try {
            Process git = new ProcessBuilder("git", "show", "HEAD:" + file).directory(ROOT.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = git.getInputStream().readAllBytes();
            if (git.waitFor() == 0) {
                return YAML.readTree(new String(out, StandardCharsets.UTF_8));
            }
            if (Files.isDirectory(ROOT.resolve(".git")) || Files.isRegularFile(ROOT.resolve(".git"))) {
                throw new AssertionError(file + " is not committed: build, then commit it");
            }
            return YAML.readTree(Files.readString(ROOT.resolve(file)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Where two documents differ, as JSON pointers with both values (empty when equal). */
    static List<String> differences(JsonNode committed, JsonNode live) {
        List<String> out = new ArrayList<>();
        diff("", committed, live, out);
        return out;
    }

    private static void diff(String at, JsonNode a, JsonNode b, List<String> out) {
        if (at.endsWith("/openIdConnectUrl")) {
            return; // where Keycloak is depends on the deployment, not on the contract
        }
        if (a != null && b != null && a.isObject() && b.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                diff(at + "/" + e.getKey(), e.getValue(), b.get(e.getKey()), out);
            }
            for (Iterator<String> it = b.fieldNames(); it.hasNext();) {
                String name = it.next();
                if (!a.has(name)) {
                    out.add(at + "/" + name + ": not in the committed contract");
                }
            }
        } else if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                diff(at + "/" + i, a.get(i), b.get(i), out);
            }
        } else if (b == null) {
            out.add(at + ": no longer served");
        } else if (!sameValue(a, b)) {
            out.add(at + ": committed " + a + ", live " + b);
        }
    }

    /** YAML and JSON readers may pick different number types for the same value. */
    private static boolean sameValue(JsonNode a, JsonNode b) {
        return a.equals(b) || (a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0);
    }

    /** True if the contract has an operation for this path template (segments in braces match any segment). */
    static boolean hasOperation(JsonNode contract, String method, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = contract.path("paths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (samePath(e.getKey(), path) && (method == null || e.getValue().has(method.toLowerCase()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePath(String template, String path) {
        String[] a = template.replaceAll("/+$", "").split("/");
        String[] b = path.replaceAll("/+$", "").split("/");
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            boolean variable = a[i].startsWith("{") || b[i].startsWith("{");
            if (!variable && !a[i].equals(b[i])) {
                return false;
            }
        }
        return true;
    }
}
