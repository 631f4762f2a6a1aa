package chat.system;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every HTTP route the gateway calls (its REST clients) and the web client calls ({@code /api/...}
 * in its scripts) is an operation of a committed contract, so renaming or removing a route in a
 * service fails here instead of in production. Reads the sources; needs no running system.
 */
class ContractRoutesTest {

    private static final List<String> SERVICES = List.of("chat-gateway", "auth-service", "message-service",
            "media-service", "presence-service");
    private static final Pattern CLIENT_KEY = Pattern.compile("@RegisterRestClient\\(configKey\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CLIENT_CALL = Pattern
            .compile("@(GET|POST|PUT|DELETE|PATCH)\\s+@Path\\(\"([^\"]+)\"\\)");
    private static final Pattern WEB_CALL = Pattern.compile("[`\"'](/api/[^`\"'?#]*)");
    private static final Pattern METHOD_BEFORE = Pattern.compile("[\"'](GET|POST|PUT|DELETE|PATCH)[\"']\\s*,\\s*$");
    private static final Pattern WEB_METHOD = Pattern.compile("method:\\s*[\"'](\\w+)[\"']");

    @Test
    void gatewayClientCallsAreInTheirServicesContracts() throws IOException {
        List<String> calls = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Contracts.ROOT.resolve("chat-gateway/src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher key = CLIENT_KEY.matcher(source);
                if (!key.find()) {
                    continue;
                }
                JsonNode contract = Contracts.committed(key.group(1));
                Matcher call = CLIENT_CALL.matcher(source);
                while (call.find()) {
                    calls.add(call.group(1) + " " + call.group(2));
                    assertTrue(Contracts.hasOperation(contract, call.group(1), call.group(2)),
                            file.getFileName() + " calls " + call.group(1) + " " + call.group(2)
                                    + ", which " + key.group(1) + "'s contract lacks");
                }
            }
        }
        assertFalse(calls.isEmpty(), "found the gateway's REST clients");
    }

    @Test
    void webClientCallsAreInSomeServicesContract() throws IOException {
        Map<String, JsonNode> contracts = new LinkedHashMap<>();
        SERVICES.forEach(s -> contracts.put(s, Contracts.committed(s)));
        List<String> calls = new ArrayList<>();
        try (Stream<Path> files = Files
                .walk(Contracts.ROOT.resolve("chat-gateway/src/main/resources/META-INF/resources"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                String script = Files.readString(file);
                Matcher call = WEB_CALL.matcher(script);
                while (call.find()) {
                    String path = call.group(1).replaceAll("\\$\\{[^}]*}", "{param}");
                    if (path.endsWith("/")) {
                        continue; // a prefix (url.startsWith("/api/media/"), a concatenation), not a whole route
                    }
                    String method = methodNear(script, call.start(), call.end());
                    calls.add(method + " " + path);
                    assertTrue(contracts.values().stream().anyMatch(c -> Contracts.hasOperation(c, method, path)),
                            file.getFileName() + " calls " + method + " " + path + ", which no contract has");
                }
            }
        }
        assertFalse(calls.isEmpty(), "found the web client's API calls");
        System.out.println("web client API calls found in the contracts: " + calls);
    }

    /**
     * The method of a call: named just before the URL ({@code call("POST", "/api/...")}) or in
     * the options that follow it ({@code fetch(url, {method: "POST"})}); GET when none is given.
     */
    private static String methodNear(String script, int start, int from) {
        Matcher before = METHOD_BEFORE.matcher(script.substring(Math.max(0, start - 24), start));
        if (before.find()) {
            return before.group(1);
        }
        int end = script.indexOf(");", from);
        String options = script.substring(from, end < 0 ? Math.min(script.length(), from + 300) : end);
        Matcher m = WEB_METHOD.matcher(options);
        return m.find() ? m.group(1).toUpperCase() : "GET";
    }
}
