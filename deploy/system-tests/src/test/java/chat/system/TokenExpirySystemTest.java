package chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.stack.DevTokens;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A connection does not outlive its token, and an expired token cannot open one. */
class TokenExpirySystemTest {

    private static final SystemStack stack = SystemStack.get();

    @Test
    void connectionIsClosedWhenItsTokenExpires() {
        String token = DevTokens.shortLivedAccessToken(stack.infra, "alice");
        String url = stack.wsUrl(stack.gateway(), "/ws/chat/" + SystemStack.randomRoom("expiry") + "/");
        WsClient alice = WsClient.connect(url, token);
        alice.await("user_list");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> alice.closeStatus() > 0);
        System.out.println("token expiry: connection closed with status " + alice.closeStatus());
        assertEquals(1008, alice.closeStatus(), "closed as a policy violation");
        assertEquals(401, WsClient.refusedStatus(url, Map.of("Authorization", "Bearer " + token)),
                "the expired token opens nothing");
    }
}
