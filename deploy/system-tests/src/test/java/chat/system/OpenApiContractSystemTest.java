package chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.stack.ServiceKind;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every service serves its OpenAPI document and health, and the documents name the operations clients use. */
class OpenApiContractSystemTest {

    private static SystemStack stack;

    @BeforeAll
    static void startSystem() {
        stack = SystemStack.get();
    }

    @Test
    void everyServiceServesHealthAndItsContract() {
        Map<ServiceKind, List<String>> paths = Map.of(
                ServiceKind.AUTH, List.of("/api/users/me", "/api/users", "/api/signup", "/api/private-rooms"),
                ServiceKind.MESSAGE, List.of("/api/rooms/{room}/messages", "/api/rooms/{room}/search"),
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
}
