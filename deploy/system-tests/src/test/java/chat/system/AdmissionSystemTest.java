package chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.stack.ServiceKind;
import chat.stack.ServiceSet;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A gateway at its connection bound answers new upgrades 503, keeps serving the connections it has, stays ready, and admits again once a client leaves. Runs on a
 * gateway instance of its own, started with a bound of {@value #BOUND} connections.
 */
class AdmissionSystemTest {

    private static final int BOUND = 3;
    private static final String INSTANCE = "gateway-admission";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static SystemStack stack;
    private static ServiceSet bounded;
    private static int port;

    @BeforeAll
    static void startBoundedGateway() {
        stack = SystemStack.get();
        ServiceSet shared = stack.services;
        port = shared.port(ServiceKind.GATEWAY) + 20;
        // the same services and streams as the shared stack; only this instance is bounded
        bounded = new ServiceSet(shared.infra(), shared.portBase(), 0, shared.streamPrefix(), shared.tag(),
                Map.of("chat.gateway.max-connections", Integer.toString(BOUND)));
        bounded.startInstance(stack.layout, ServiceKind.GATEWAY, port, INSTANCE);
    }

    @AfterAll
    static void stopBoundedGateway() {
        if (bounded != null) {
            bounded.stopInstance(stack.layout, INSTANCE);
        }
    }

    @Test
    void pastTheBoundUpgradesGet503WhileOpenConnectionsGoOn() {
        String base = "http://127.0.0.1:" + port;
        String url = stack.wsUrl(base, "/ws/chat/" + SystemStack.randomRoom("admission") + "/");
        String metrics = ServiceSet.managementUrl(port) + "/q/metrics";
        List<WsClient> open = new ArrayList<>();
        try {
            for (String user : List.of("alice", "bob", "carol")) {
                WsClient client = WsClient.connect(url, stack.token(user));
                client.await("user_list", f -> f.path("users").toString().contains(user), WAIT);
                open.add(client);
            }
            for (int i = 0; i < 5; i++) {
                assertEquals(503,
                        WsClient.refusedStatus(url, Map.of("Authorization", "Bearer " + stack.token("alice"))),
                        "past the bound of " + BOUND);
            }
            double refused = ObservabilitySystemTest.value(Api.get(metrics, null).body(),
                    "chat_admission_refused_total", "reason=\"connections\"");
            assertEquals(5.0, refused, "each refusal counted with its reason");

            // the connections it has go on as before
            open.get(0).send(Map.of("type", "message", "message", "still here", "client_id", "adm-1"));
            open.get(0).await("ack");
            for (WsClient other : open.subList(1, open.size())) {
                JsonNode message = other.messages(1, WAIT).get(0);
                assertEquals("still here", message.path("message").asText());
            }
            assertEquals(200, Api.get(base + "/q/health/ready", null).statusCode(), "a full gateway stays ready");

            // and once a client leaves, the next one is admitted
            open.remove(open.size() - 1).close();
            Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
                try {
                    WsClient again = WsClient.connect(url, stack.token("carol"));
                    open.add(again);
                    return true;
                } catch (RuntimeException refusedStill) {
                    return false;
                }
            });
            JsonNode list = open.get(open.size() - 1).await("user_list", f -> true, WAIT);
            assertTrue(list.path("users").toString().contains("carol"), list.toString());
        } finally {
            open.forEach(WsClient::close);
        }
    }
}
