package chat.media.rest;

import chat.events.ErrorCode;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.media.TestMedia;
import chat.media.entity.Media;
import chat.media.service.MediaIds;
import chat.media.service.MediaRecords;
import chat.media.service.MediaRejected;
import chat.stack.DevTokens;
import chat.stack.test.StackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The gateways' internal upload and look-up, previews, durations, chunked storage, quota and room
 * usage, against the real PostgreSQL (pieces of 1,000 bytes in tests, so every read crosses several).
 */
@QuarkusTest
@QuarkusTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "chat_media"))
class MediaPipelineTest {

    @Inject
    MediaRecords records;

    private static String room() {
        return "media-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ExtractableResponse<Response> internalUpload(String kind, String room, String subject, String key,
            byte[] body) {
        return given().contentType("application/octet-stream").body(body)
                .queryParam("kind", kind).queryParam("room", room).queryParam("subject", subject).queryParam("key", key)
                .when().post("/internal/media").then().extract();
    }

    private static byte[] download(String url) {
        return given().auth().oauth2(DevTokens.accessToken(StackTestResource.infra, "alice"))
                .when().get(url).then().statusCode(200).extract().asByteArray();
    }

    @Test
    void aFrameImageIsStoredWithAPreviewAndServedWhole() throws IOException {
        String room = room();
        byte[] jpeg = TestMedia.photo(400, 300, 30, "jpg");
        ExtractableResponse<Response> stored = internalUpload("image", room, "subject-a", "c:1", jpeg);
        assertEquals(201, stored.statusCode(), stored.body().asString());
        assertEquals("image", stored.path("kind"));
        assertArrayEquals(jpeg, download(stored.path("url")), "no metadata: byte for byte");
        BufferedImage preview = ImageIO.read(new ByteArrayInputStream(download(stored.path("thumb_url"))));
        assertEquals(320, preview.getWidth());
        assertEquals(240, preview.getHeight());
        assertNull(stored.path("duration_ms"));

        ExtractableResponse<Response> again = internalUpload("image", room, "subject-a", "c:1", jpeg);
        assertEquals(200, again.statusCode(), "a retried frame reuses what was stored");
        assertEquals((String) stored.path("media_id"), again.path("media_id"));
    }

    @Test
    void aVoiceNoteHasItsDurationAndRangesCrossStoragePieces() {
        byte[] wav = TestMedia.wav(1.5); // 48 KB: 49 pieces
        ExtractableResponse<Response> stored = internalUpload("audio", room(), "subject-a", "c:" + UUID.randomUUID(),
                wav);
        assertEquals(201, stored.statusCode(), stored.body().asString());
        assertEquals(1500, ((Number) stored.path("duration_ms")).intValue());
        assertNull(stored.path("thumb_url"));
        String url = stored.path("url");
        assertArrayEquals(wav, download(url));
        byte[] part = given().auth().oauth2(DevTokens.accessToken(StackTestResource.infra, "alice"))
                .header("Range", "bytes=1500-3999").when().get(url).then().statusCode(206)
                .header("Content-Range", "bytes 1500-3999/" + wav.length).extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(wav, 1500, 4000), part);
    }

    @Test
    void brokenImagesAndVideoAreRefusedByContent() {
        byte[] jpeg = TestMedia.photo(400, 300, 30, "jpg");
        ExtractableResponse<Response> truncated = internalUpload("image", room(), "subject-a", null,
                Arrays.copyOf(jpeg, jpeg.length / 2));
        assertEquals(415, truncated.statusCode());
        assertEquals("unsupported_media", truncated.path("code"));
        ExtractableResponse<Response> video = internalUpload("audio", room(), "subject-a", null,
                TestMedia.fixture("video.webm"));
        assertEquals(415, video.statusCode());
        assertEquals("unsupported_media", video.path("code"));
        ExtractableResponse<Response> wrongKind = internalUpload("audio", room(), "subject-a", null, jpeg);
        assertEquals(415, wrongKind.statusCode());
    }

    @Test
    void onlyTheUploaderPostsAMediaAndOnlyInItsRoom() {
        String room = room();
        String id = internalUpload("image", room, "subject-a", null, TestMedia.png()).path("media_id");
        given().queryParam("room", room).queryParam("subject", "subject-a").when().get("/internal/media/" + id)
                .then().statusCode(200).body("media_id", equalTo(id)).body("kind", equalTo("image"));
        given().queryParam("room", room).queryParam("subject", "subject-b").when().get("/internal/media/" + id)
                .then().statusCode(403).body("code", equalTo("forbidden"));
        given().queryParam("room", room()).queryParam("subject", "subject-a").when().get("/internal/media/" + id)
                .then().statusCode(403).body("code", equalTo("forbidden"));
        given().queryParam("room", room).queryParam("subject", "subject-a").when()
                .get("/internal/media/" + MediaIds.next())
                .then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void aRoomShowsWhatItStores() {
        String room = room();
        assertEquals(201, internalUpload("image", room, "subject-a", null, TestMedia.png()).statusCode());
        byte[] wav = TestMedia.wav();
        assertEquals(201, internalUpload("audio", room, "subject-a", null, wav).statusCode());
        ExtractableResponse<Response> usage = given().auth()
                .oauth2(DevTokens.accessToken(StackTestResource.infra, "alice"))
                .when().get("/api/media/rooms/" + room + "/usage").then().statusCode(200).extract();
        assertEquals(room, usage.path("room"));
        assertEquals(3, ((Number) usage.path("media_count")).intValue(), "image, its preview, voice note");
        assertTrue(((Number) usage.path("bytes")).longValue() > wav.length);
    }

    @Test
    void theQuotaCountsAnUploaderSStoredBytes() {
        String uploader = "kc:quota-" + UUID.randomUUID();
        records.insert(row(uploader, 600), new ByteArrayInputStream(new byte[600]), null, null, 1000);
        MediaRejected refused = assertThrows(MediaRejected.class,
                () -> records.insert(row(uploader, 600), new ByteArrayInputStream(new byte[600]), null, null, 1000));
        assertEquals(ErrorCode.TOO_LARGE, refused.code());
        assertTrue(refused.reason().contains("quota"), refused.reason());
        records.insert(row("kc:other-" + UUID.randomUUID(), 600), new ByteArrayInputStream(new byte[600]), null, null,
                1000);
    }

    private static Media row(String uploader, long size) {
        Media media = new Media();
        media.id = MediaIds.next();
        media.contentType = "audio/wav";
        media.size = size;
        media.sha256 = "0".repeat(64);
        media.uploaderId = uploader;
        assertNotNull(media.id);
        return media;
    }
}
