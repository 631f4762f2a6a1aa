package chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the gateway serves the web client with, over plain HTTP: a Content-Security-Policy that
 * forbids inline script and framing (and a page that needs neither), logout only by a POST from
 * our own origin, and the conversation list routed to message-service.
 */
class WebClientPageSystemTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EVENT_HANDLER = Pattern.compile("<[^>]+\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    /** The reason of LogoutGuard's refusal. */
    private static final String REFUSAL = "log out from the chat's own page";
    private static final SystemStack stack = SystemStack.get();

    @Test
    void thePageForbidsInlineScriptAndFramingAndHasNone() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gateway() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertTrue(csp.contains("object-src 'none'"), csp);
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertFalse(INLINE_SCRIPT.matcher(page.body()).find(), "no inline <script> in the page");
        assertFalse(EVENT_HANDLER.matcher(page.body()).find(), "no inline event handler in the page");
        assertTrue(page.body().contains("<script type=\"module\" src=\"/js/main.js\">"));
        HttpResponse<String> script = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.gateway() + "/js/main.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, script.statusCode());
        assertFalse(script.body().contains("innerHTML"), "the client never sets HTML");
    }

    @Test
    void logoutIsAPostFromOurOwnOriginOnly() throws Exception {
        String logout = stack.gateway() + "/logout";
        assertEquals(405, HTTP.send(HttpRequest.newBuilder(URI.create(logout)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "GET /logout logs nobody out");
        assertRefused(post(logout, null, null), "a POST without Origin");
        assertRefused(post(logout, "https://evil.example", null), "a POST from another site");
        assertRefused(post(logout, stack.gateway(), "cross-site"), "a POST the browser marks cross-site");
        HttpResponse<String> ours = post(logout, stack.gateway(), "same-origin");
        assertFalse(ours.body().contains(REFUSAL), "our own page's POST goes on to the logout: " + ours.statusCode());
    }

    @Test
    void theConversationListIsRoutedToMessageService() {
        HttpResponse<String> list = Api.get(stack.gateway() + "/api/conversations", stack.token("alice"));
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(Api.json(list).path("conversations").isArray(), list.body());
        assertEquals(401, Api.get(stack.gateway() + "/api/conversations", null).statusCode());
    }

    private static void assertRefused(HttpResponse<String> response, String what) {
        assertEquals(403, response.statusCode(), what);
        assertTrue(response.body().contains(REFUSAL), what + ": " + response.body());
    }

    private static HttpResponse<String> post(String url, String origin, String fetchSite) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (fetchSite != null) {
            request.header("Sec-Fetch-Site", fetchSite);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
