package chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import chat.stack.DevTokens;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A connection does not outlive its token, and an expired token cannot open one. */
class TokenExpirySystemTest {

    private static SystemStack stack;

    @BeforeAll
    static void startSystem() {
        stack = SystemStack.get();
    }

    @Test
    void connectionIsClosedWhenItsTokenExpires() {
        String token = DevTokens.shortLivedAccessToken(stack.infra, "alice");
        String url = stack.wsUrl(stack.gateway(), "/ws/chat/" + SystemStack.randomRoom("expiry") + "/");
        WsClient alice = WsClient.connect(url, token);
        alice.await("user_list");
        assertEquals("forbidden", alice.await("error", f -> true, Duration.ofSeconds(30)).path("code").asText());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !alice.isOpen());
        assertFalse(alice.isOpen());
        assertEquals(401, WsClient.refusedStatus(url, Map.of("Authorization", "Bearer " + token)),
                "the expired token opens nothing");
    }
}
