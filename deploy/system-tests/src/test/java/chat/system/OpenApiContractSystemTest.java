package chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.stack.ServiceKind;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every service serves its OpenAPI document and health; the documents name the operations clients
 * use; and each live document is exactly the committed {@code deploy/openapi/<service>.yaml}, so a
 * change to a public contract (a renamed response field, a removed route) is a reviewed diff.
 */
class OpenApiContractSystemTest {

    private static final SystemStack stack = SystemStack.get();

    @Test
    void everyServiceServesHealthAndItsContract() {
        Map<ServiceKind, List<String>> paths = Map.of(
                ServiceKind.AUTH, List.of("/api/users/me", "/api/users", "/api/signup", "/api/private-rooms"),
                ServiceKind.MESSAGE,
                List.of("/api/rooms/{room}/messages", "/api/rooms/{room}/search", "/api/conversations"),
                ServiceKind.MEDIA, List.of("/api/media", "/api/media/{id}", "/api/media/rooms/{room}/usage",
                        "/internal/media", "/internal/media/{id}"),
                ServiceKind.PRESENCE, List.of("/api/rooms/{room}/presence"),
                ServiceKind.GATEWAY, List.of("/login"));
        paths.forEach((kind, expected) -> {
            HttpResponse<String> health = Api.get(stack.services.url(kind) + "/q/health", null);
            assertEquals(200, health.statusCode(), kind + " health: " + health.body());
            HttpResponse<String> openapi = Api.get(stack.services.url(kind) + "/q/openapi", null);
            assertEquals(200, openapi.statusCode(), kind.module());
            for (String path : expected) {
                assertTrue(openapi.body().contains(path + ":"), kind.module() + " documents " + path);
            }
            assertTrue(openapi.body().contains("operationId"), kind.module() + " names its operations");
        });
    }

    @Test
    void liveContractsAreTheCommittedOnes() {
        StringBuilder failures = new StringBuilder();
        for (ServiceKind kind : ServiceKind.values()) {
            HttpResponse<String> live = Api.get(stack.services.url(kind) + "/q/openapi?format=json", null);
            assertEquals(200, live.statusCode(), kind.module());
            List<String> differences = Contracts.differences(Contracts.committed(kind.module()), Api.json(live));
            if (!differences.isEmpty()) {
                failures.append(kind.module()).append(" differs from deploy/openapi/").append(kind.module())
                        .append(".yaml (build, review and commit the regenerated file):\n  ")
                        .append(String.join("\n  ", differences)).append('\n');
            }
        }
        assertTrue(failures.isEmpty(), failures.toString());
    }
}
