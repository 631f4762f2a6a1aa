package chat.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Images sent as WebSocket frames travel through media-service and arrive as messages with a URL. */
class MediaSystemTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static SystemStack stack;

    @BeforeAll
    static void startSystem() {
        stack = SystemStack.get();
    }

    @Test
    void imageFrameBecomesAMessageWithAServedImage() throws Exception {
        byte[] png = png();
        String room = SystemStack.randomRoom("media");
        try (WsClient alice = WsClient.connect(stack.wsUrl(stack.gateway(), "/ws/chat/" + room + "/"), stack.token("alice"));
             WsClient bob = WsClient.connect(stack.wsUrl(stack.secondGateway(), "/ws/chat/" + room + "/"), stack.token("bob"))) {
            bob.await("user_list", f -> f.path("users").toString().contains("bob"), WAIT);
            alice.send(Map.of("type", "file", "file_name", "cat.html", "client_id", "img-1",
                    "file_data", "data:text/html;base64," + Base64.getEncoder().encodeToString(png)));
            JsonNode message = bob.await("chat_message", f -> true, WAIT);
            assertEquals("img-1", alice.await("ack").path("client_id").asText());
            String url = message.path("image_url").asText();
            assertTrue(url.startsWith("/api/media/"), message.toString());

            HttpResponse<byte[]> image = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.gateway() + url))
                    .header("Authorization", "Bearer " + stack.token("bob")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, image.statusCode());
            assertEquals("image/png", image.headers().firstValue("Content-Type").orElse(""), "type from the bytes, not the name");
            assertEquals("nosniff", image.headers().firstValue("X-Content-Type-Options").orElse(""));
            assertArrayEquals(png, image.body());
        }
    }

    @Test
    void privateRoomMediaIsForItsMembersOnly() throws Exception {
        long alice = Api.json(Api.get(stack.gateway() + "/api/users/me", stack.token("alice"))).path("user_id").asLong();
        long bob = Api.json(Api.get(stack.gateway() + "/api/users/me", stack.token("bob"))).path("user_id").asLong();
        String room = "private_" + Math.min(alice, bob) + "_" + Math.max(alice, bob);
        String url;
        try (WsClient a = WsClient.connect(stack.wsUrl(stack.gateway(), "/ws/chat/private/" + room + "/"), stack.token("alice"))) {
            a.await("user_list");
            a.send(Map.of("type", "file", "file_name", "p.png", "client_id", "pm-" + System.nanoTime(),
                    "file_data", "data:image/png;base64," + Base64.getEncoder().encodeToString(png())));
            url = a.await("chat_message", f -> !f.path("image_url").isNull(), WAIT).path("image_url").asText();
        }
        HttpClient http = HttpClient.newHttpClient();
        for (String user : java.util.List.of("alice", "bob", "carol")) {
            int status = http.send(HttpRequest.newBuilder(URI.create(stack.gateway() + url))
                    .header("Authorization", "Bearer " + stack.token(user)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            assertEquals(user.equals("carol") ? 403 : 200, status, user + " on " + url);
        }
    }

    @Test
    void disguisedUploadIsRefusedWithAnError() {
        String room = SystemStack.randomRoom("media-bad");
        try (WsClient alice = WsClient.connect(stack.wsUrl(stack.gateway(), "/ws/chat/" + room + "/"), stack.token("alice"))) {
            alice.await("user_list");
            String html = "<html><script>alert(1)</script></html>";
            alice.send(Map.of("type", "file", "file_name", "cat.png",
                    "file_data", "data:image/png;base64," + Base64.getEncoder().encodeToString(html.getBytes())));
            assertEquals("unsupported_media", alice.await("error").path("code").asText());
            assertTrue(alice.drain("chat_message", Duration.ofMillis(500)).isEmpty(), "nothing stored");
        }
    }

    private static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
