package chat.media.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.media.TestMedia;
import chat.stack.DevTokens;
import chat.stack.test.StackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The REST API against the real PostgreSQL and Keycloak: uploads, sniffing, limits, downloads and ranges. */
@QuarkusTest
@QuarkusTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "chat_media"))
class MediaResourceTest {

    private static final int TEST_LIMIT = 65536; // %test.chat.media.max-bytes
    private static volatile String token;

    static String token() {
        if (token == null) {
            token = DevTokens.tokenWithoutUserId(StackTestResource.infra, "alice");
        }
        return token;
    }

    static ExtractableResponse<Response> upload(byte[] body, String declaredType) {
        return given().auth().oauth2(token()).contentType(declaredType).body(body)
                .queryParam("room", "lobby")
                .when().post("/api/media").then().extract();
    }

    static String uploaded(byte[] body, String declaredType) {
        ExtractableResponse<Response> answer = upload(body, declaredType);
        assertEquals(201, answer.statusCode(), answer.body().asString());
        String id = answer.path("media_id");
        assertEquals(22, id.length());
        assertEquals("/api/media/" + id, answer.path("url"));
        return id;
    }

    @Test
    void realImagesAndVoiceAreStoredAndServedWithTheSniffedType() {
        Object[][] cases = {
                {TestMedia.png(), "image/png", "image/png"},
                {TestMedia.jpeg(), "image/jpeg", "image/jpeg"},
                {TestMedia.wav(), "audio/wav", "audio/wav"},
                {TestMedia.fixture("voice.webm"), "audio/webm;codecs=opus", "audio/webm"},
        };
        for (Object[] c : cases) {
            byte[] bytes = (byte[]) c[0];
            String id = uploaded(bytes, (String) c[1]);
            byte[] served = given().auth().oauth2(token()).when().get("/api/media/" + id).then()
                    .statusCode(200)
                    .header("Content-Type", equalTo(c[2]))
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Disposition", "inline")
                    .header("Cache-Control", "private, max-age=31536000, immutable")
                    .header("Accept-Ranges", "bytes")
                    .header("ETag", containsString("\""))
                    .extract().asByteArray();
            assertArrayEquals(bytes, served);
        }
    }

    @Test
    void theDeclaredTypeIsIgnored() {
        String id = uploaded(TestMedia.png(), "text/html");
        given().auth().oauth2(token()).when().get("/api/media/" + id).then()
                .statusCode(200).header("Content-Type", "image/png").header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void htmlSvgAndTextAreRefusedWhateverTheyClaim() {
        String[] bodies = {
                "<html><body><script>alert(document.cookie)</script></body></html>",
                "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
                "just some plain text",
        };
        for (String body : bodies) {
            for (String declared : new String[]{"image/png", "audio/webm"}) {
                ExtractableResponse<Response> answer = upload(TestMedia.ascii(body), declared);
                assertEquals(415, answer.statusCode());
                assertEquals("unsupported_media", answer.path("code"));
            }
        }
    }

    @Test
    void theSizeLimitAppliesToTheBytes() {
        ExtractableResponse<Response> over = upload(TestMedia.noise(TEST_LIMIT + 1), "image/png");
        assertEquals(413, over.statusCode());
        assertEquals("too_large", over.path("code"));
        ExtractableResponse<Response> atLimit = upload(TestMedia.noise(TEST_LIMIT), "image/png");
        assertEquals(415, atLimit.statusCode(), "at the limit the size passes and the type decides");
    }

    @Test
    void singleByteRangesAreServed() {
        byte[] wav = TestMedia.wav();
        String id = uploaded(wav, "audio/wav");
        byte[] head = given().auth().oauth2(token()).header("Range", "bytes=0-9").when().get("/api/media/" + id).then()
                .statusCode(206)
                .header("Content-Range", "bytes 0-9/" + wav.length)
                .header("Content-Type", "audio/wav")
                .header("Content-Length", "10")
                .extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(wav, 0, 10), head);
        byte[] tail = given().auth().oauth2(token()).header("Range", "bytes=-4").when().get("/api/media/" + id).then()
                .statusCode(206)
                .header("Content-Range", "bytes " + (wav.length - 4) + "-" + (wav.length - 1) + "/" + wav.length)
                .extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(wav, wav.length - 4, wav.length), tail);
        given().auth().oauth2(token()).header("Range", "bytes=" + wav.length + "-").when().get("/api/media/" + id)
                .then()
                .statusCode(416)
                .header("Content-Range", "bytes */" + wav.length)
                .body("code", equalTo("range_not_satisfiable"));
    }

    @Test
    void theEtagAnswersNotModified() {
        String id = uploaded(TestMedia.gif(), "image/gif");
        String etag = given().auth().oauth2(token()).when().get("/api/media/" + id).then().statusCode(200)
                .header("Content-Type", "image/gif").extract().header("ETag");
        given().auth().oauth2(token()).header("If-None-Match", etag).when().get("/api/media/" + id).then()
                .statusCode(304).header("ETag", etag);
    }

    @Test
    void unknownMediaIsNotFound() {
        given().auth().oauth2(token()).when().get("/api/media/AAAAAAAAAAAAAAAAAAAAAA").then()
                .statusCode(404).body("code", equalTo("not_found"));
        given().auth().oauth2(token()).when().get("/api/media/not-an-id").then()
                .statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void aBadRoomNameIsRefused() {
        given().auth().oauth2(token()).contentType("image/png").body(TestMedia.png()).queryParam("room", "private_2_1")
                .when().post("/api/media").then().statusCode(400).body("code", equalTo("bad_request"));
    }

    @Test
    void withoutATokenNothingIsServed() {
        String id = uploaded(TestMedia.png(), "image/png");
        given().contentType("image/png").body(TestMedia.png()).when().post("/api/media").then().statusCode(401);
        given().when().get("/api/media/" + id).then().statusCode(401);
    }

    @Test
    void theOpenApiDocumentDescribesBothOperations() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("media-service"))
                .body("paths.'/api/media'.post.operationId", equalTo("uploadMedia"))
                .body("paths.'/api/media/{id}'.get.operationId", equalTo("getMedia"))
                .body("paths.'/api/media'.post.responses.'415'.description", containsString("unsupported_media"));
    }
}
