package chat.media.stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.events.MediaUpload;
import chat.events.Origin;
import chat.events.RoomEvent;
import chat.events.SendMessage;
import chat.events.StreamCodec;
import chat.events.StreamNames;
import chat.stack.test.AuthServiceStub;
import chat.media.TestMedia;
import chat.media.entity.Media;
import chat.stack.DevTokens;
import chat.stack.test.StackTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The WebSocket path: media uploads on the media stream, against the real Redis and PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "chat_media"))
class MediaUploadStreamTest {

    @Inject
    RedisDataSource redis;

    private StreamNames names() {
        return new StreamNames(StackTestResource.streamPrefix);
    }

    private StreamCommands<String, String, String> streams() {
        return redis.stream(String.class);
    }

    private static String dataUrl(String declared, byte[] bytes) {
        return "data:" + declared + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    private String send(MediaUpload.Kind kind, String room, String key, String dataUrl, Origin origin) {
        return send(kind, room, 7, key, dataUrl, origin);
    }

    private String send(MediaUpload.Kind kind, String room, long userId, String key, String dataUrl, Origin origin) {
        MediaUpload upload = new MediaUpload(kind, room, userId, "alice", "c-" + key, key, dataUrl, "x.bin", origin);
        return streams().xadd(names().mediaCommands(), StreamCodec.encode(upload));
    }

    private List<SendMessage> messagesWithKey(String key) {
        int partitions = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("chat.streams.message-partitions", Integer.class);
        return names().messageCommandPartitions(partitions).stream()
                .flatMap(k -> streams().xrange(k, StreamRange.of("-", "+")).stream())
                .map(m -> (SendMessage) StreamCodec.decodeCommand(m.payload()))
                .filter(m -> key.equals(m.idempotencyKey()))
                .toList();
    }

    private JsonNode errorFrameFor(Origin origin) {
        int partitions = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("chat.streams.event-partitions", Integer.class);
        return await().atMost(Duration.ofSeconds(15)).until(() -> names().roomEventPartitions(partitions).stream()
                .flatMap(k -> streams().xrange(k, StreamRange.of("-", "+")).stream())
                .map(StreamMessage::payload).map(StreamCodec::decodeEvent)
                .filter(e -> origin.equals(e.target()))
                .map(e -> {
                    assertEquals(RoomEvent.ERROR, e.type());
                    try {
                        return StreamCodec.json().readTree(e.frame());
                    } catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                })
                .findFirst().orElse(null), f -> f != null);
    }

    private static Origin origin() {
        return new Origin("gw-test", UUID.randomUUID().toString());
    }

    @Test
    void anImageBecomesAMessageCommandWithItsUrl() {
        String key = UUID.randomUUID().toString();
        byte[] png = TestMedia.png();
        Origin origin = origin();
        String entryId = send(MediaUpload.Kind.IMAGE, "lobby", key, dataUrl("image/png", png), origin);

        SendMessage message = await().atMost(Duration.ofSeconds(15))
                .until(() -> messagesWithKey(key), l -> !l.isEmpty()).get(0);
        assertTrue(message.imageUrl().startsWith("/api/media/"), message.imageUrl());
        assertNull(message.audioUrl());
        assertEquals("", message.text());
        assertEquals("lobby", message.room());
        assertEquals(7, message.userId());
        assertEquals("alice", message.username());
        assertEquals("c-" + key, message.clientId());
        assertEquals(origin, message.origin());

        byte[] served = given().auth().oauth2(DevTokens.tokenWithoutUserId(StackTestResource.infra, "alice"))
                .when().get(message.imageUrl()).then()
                .statusCode(200).header("Content-Type", "image/png").header("X-Content-Type-Options", "nosniff")
                .extract().asByteArray();
        assertArrayEquals(png, served);
        // the bytes do not stay in Redis once handled
        await().atMost(Duration.ofSeconds(5))
                .until(() -> streams().xrange(names().mediaCommands(), StreamRange.of(entryId, entryId)).isEmpty());
    }

    @Test
    void voiceBecomesAnAudioUrl() {
        String key = UUID.randomUUID().toString();
        send(MediaUpload.Kind.AUDIO, "lobby", key, dataUrl("audio/webm", TestMedia.wav()), origin());
        SendMessage message = await().atMost(Duration.ofSeconds(15))
                .until(() -> messagesWithKey(key), l -> !l.isEmpty()).get(0);
        assertTrue(message.audioUrl().startsWith("/api/media/"), message.audioUrl());
        assertNull(message.imageUrl());
    }

    @Test
    void refusedUploadsAnswerTheirConnectionOnly() {
        Object[][] cases = {
                {MediaUpload.Kind.IMAGE,
                        dataUrl("image/png", TestMedia.ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")),
                        "unsupported_media"},
                {MediaUpload.Kind.AUDIO, dataUrl("audio/webm", TestMedia.png()), "unsupported_media"},
                {MediaUpload.Kind.IMAGE, "data:image/png,not-base64", "bad_frame"},
                {MediaUpload.Kind.IMAGE, dataUrl("image/png", TestMedia.noise(65537)), "too_large"},
        };
        for (Object[] c : cases) {
            String key = UUID.randomUUID().toString();
            Origin origin = origin();
            send((MediaUpload.Kind) c[0], "lobby", key, (String) c[1], origin);
            JsonNode frame = errorFrameFor(origin);
            assertEquals("error", frame.get("type").asText());
            assertEquals(c[2], frame.get("code").asText());
            assertTrue(frame.hasNonNull("reason"));
            assertTrue(messagesWithKey(key).isEmpty(), "nothing is handed to message-service");
        }
    }

    @Test
    void aRetriedUploadIsStoredOnce() {
        String key = UUID.randomUUID().toString();
        String url = dataUrl("image/png", TestMedia.png());
        send(MediaUpload.Kind.IMAGE, "lobby", key, url, origin());
        send(MediaUpload.Kind.IMAGE, "lobby", key, url, origin());

        List<SendMessage> messages = await().atMost(Duration.ofSeconds(15))
                .until(() -> messagesWithKey(key), l -> l.size() == 2);
        assertEquals(messages.get(0).imageUrl(), messages.get(1).imageUrl(), "the same media both times");
        long rows = QuarkusTransaction.requiringNew().call(() -> Media.count("idempotencyKey", key));
        assertEquals(1, rows);
    }

    @Test
    void aNonMemberCannotUploadIntoAPrivateRoom() {
        String room = AuthServiceStub.aliceAndBob();
        for (long stranger : new long[]{7, AuthServiceStub.BOB_ID + 1,
                Long.parseLong(AuthServiceStub.ALICE_ID + "1")}) {
            String key = UUID.randomUUID().toString();
            Origin origin = origin();
            String entryId = send(MediaUpload.Kind.IMAGE, room, stranger, key, dataUrl("image/png", TestMedia.png()),
                    origin);
            JsonNode frame = errorFrameFor(origin);
            assertEquals("forbidden", frame.get("code").asText());
            assertTrue(frame.hasNonNull("reason"));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> streams().xrange(names().mediaCommands(), StreamRange.of(entryId, entryId)).isEmpty());
            assertTrue(messagesWithKey(key).isEmpty(), "nothing is handed to message-service");
            assertEquals(0, QuarkusTransaction.requiringNew().call(() -> Media.count("idempotencyKey", key)),
                    "nothing is stored");
        }
    }

    @Test
    void aMembersUploadIntoAPrivateRoomIsServedToTheRoomOnly() {
        String key = UUID.randomUUID().toString();
        byte[] png = TestMedia.png();
        send(MediaUpload.Kind.IMAGE, AuthServiceStub.aliceAndBob(), AuthServiceStub.BOB_ID, key,
                dataUrl("image/png", png), origin());
        SendMessage message = await().atMost(Duration.ofSeconds(15))
                .until(() -> messagesWithKey(key), l -> !l.isEmpty()).get(0);
        assertEquals(AuthServiceStub.aliceAndBob(), message.room());
        for (String member : new String[]{"alice", "bob"}) {
            byte[] served = given().auth().oauth2(DevTokens.tokenWithoutUserId(StackTestResource.infra, member))
                    .when().get(message.imageUrl()).then().statusCode(200).extract().asByteArray();
            assertArrayEquals(png, served, member);
        }
        given().auth().oauth2(DevTokens.tokenWithoutUserId(StackTestResource.infra, "carol"))
                .when().get(message.imageUrl()).then().statusCode(403);
    }
}
