package chat.media.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.stack.test.AuthServiceStub;
import chat.media.TestMedia;
import chat.media.entity.Media;
import chat.media.service.MediaService;
import chat.stack.DevTokens;
import chat.stack.test.StackTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Private-room media, with real Keycloak tokens and PostgreSQL and auth-service's user directory
 * stubbed: alice and bob share a room, carol is a stranger unknown to the directory.
 */
@QuarkusTest
@QuarkusTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "chat_media"))
@QuarkusTestResource(AuthServiceStub.class)
class PrivateMediaTest {

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    @Inject
    MediaService media;

    private static RequestSpecification as(String user) {
        return given().auth()
                .oauth2(TOKENS.computeIfAbsent(user, u -> DevTokens.tokenWithoutUserId(StackTestResource.infra, u)));
    }

    private static ExtractableResponse<Response> upload(String user, String room, byte[] bytes) {
        RequestSpecification request = as(user).contentType("application/octet-stream").body(bytes);
        if (room != null) {
            request.queryParam("room", room);
        }
        return request.when().post("/api/media").then().extract();
    }

    private static String uploaded(String user, String room, byte[] bytes) {
        ExtractableResponse<Response> answer = upload(user, room, bytes);
        assertEquals(201, answer.statusCode(), answer.body().asString());
        return answer.path("media_id");
    }

    private static void assertForbidden(RequestSpecification request, String id) {
        request.when().get("/api/media/" + id).then().statusCode(403)
                .header("Content-Type", startsWith("application/json"))
                .body("code", equalTo("forbidden")).body("reason", equalTo("not a member of this private room"));
    }

    @Test
    void bothMembersGetTheBytes() {
        byte[] png = TestMedia.png();
        String id = uploaded("alice", AuthServiceStub.aliceAndBob(), png);
        for (String member : new String[]{"alice", "bob"}) {
            byte[] served = as(member).when().get("/api/media/" + id).then().statusCode(200)
                    .header("Content-Type", "image/png").extract().asByteArray();
            assertArrayEquals(png, served, member);
        }
        String etag = as("bob").header("Range", "bytes=0-7").when().get("/api/media/" + id).then().statusCode(206)
                .extract().header("ETag");
        as("bob").header("If-None-Match", etag).when().get("/api/media/" + id).then().statusCode(304);
    }

    @Test
    void aStrangerIsRefusedEvenConditionallyOrByRange() {
        byte[] wav = TestMedia.wav();
        String id = uploaded("bob", AuthServiceStub.aliceAndBob(), wav);
        String etag = as("alice").when().get("/api/media/" + id).then().statusCode(200).extract().header("ETag");

        assertForbidden(as("carol"), id);
        assertForbidden(as("carol").header("Range", "bytes=0-9"), id);
        assertForbidden(as("carol").header("Range", "bytes=" + wav.length + "-"), id); // would be a 416
        assertForbidden(as("carol").header("If-None-Match", etag), id); // would be a 304
        assertForbidden(as("carol").header("If-None-Match", "*"), id);
        assertForbidden(as("carol").header("If-Range", etag).header("Range", "bytes=0-9"), id);
    }

    @Test
    void aKnownUserOutsideThePairIsRefused() {
        String room = AuthServiceStub.bobAndAnother();
        String id = media.store(TestMedia.gif(), null, room, Long.toString(AuthServiceStub.BOB_ID), null).id();
        as("bob").when().get("/api/media/" + id).then().statusCode(200);
        assertForbidden(as("alice"), id);
        assertForbidden(as("alice").header("Range", "bytes=0-3"), id);
        assertForbidden(as("alice").header("If-None-Match", "*"), id);
    }

    @Test
    void anUnknownIdIsNotFoundForEveryone() {
        for (String user : new String[]{"alice", "carol"}) {
            as(user).when().get("/api/media/AAAAAAAAAAAAAAAAAAAAAA").then().statusCode(404)
                    .body("code", equalTo("not_found"));
            as(user).header("If-None-Match", "*").when().get("/api/media/BBBBBBBBBBBBBBBBBBBBBB").then()
                    .statusCode(404);
        }
    }

    @Test
    void publicAndRoomlessMediaNeedNoDirectory() {
        byte[] jpeg = TestMedia.jpeg();
        String inLobby = uploaded("alice", "lobby", jpeg);
        String noRoom = uploaded("alice", null, jpeg);
        AuthServiceStub.unavailable = true;
        try {
            int calls = AuthServiceStub.CALLS.get();
            for (String id : new String[]{inLobby, noRoom}) {
                byte[] served = as("carol").when().get("/api/media/" + id).then().statusCode(200)
                        .extract().asByteArray();
                assertArrayEquals(jpeg, served);
                as("carol").header("Range", "bytes=0-1").when().get("/api/media/" + id).then().statusCode(206);
            }
            uploaded("carol", "lobby", jpeg);
            uploaded("carol", null, jpeg);
            assertEquals(calls, AuthServiceStub.CALLS.get(), "auth-service is not asked about public media");
        } finally {
            AuthServiceStub.unavailable = false;
        }
    }

    @Test
    void uploadsIntoSomeoneElsesPrivateRoomAreRefused() {
        long before = restUploadsInto(AuthServiceStub.aliceAndBob(), AuthServiceStub.bobAndAnother());
        ExtractableResponse<Response> alice = upload("alice", AuthServiceStub.bobAndAnother(), TestMedia.png());
        assertEquals(403, alice.statusCode());
        assertEquals("forbidden", alice.path("code"));
        ExtractableResponse<Response> carol = upload("carol", AuthServiceStub.aliceAndBob(), TestMedia.png());
        assertEquals(403, carol.statusCode());
        assertEquals("forbidden", carol.path("code"));
        assertEquals(before, restUploadsInto(AuthServiceStub.aliceAndBob(), AuthServiceStub.bobAndAnother()),
                "nothing stored");
    }

    /** Rows stored through REST (uploader {@code kc:<subject>}) in these rooms of this run. */
    private static long restUploadsInto(String... rooms) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Media.count("room in ?1 and uploaderId like 'kc:%'", List.of(rooms)));
    }

    @Test
    void withoutTheDirectoryPrivateMediaAreUnavailable() {
        String id = uploaded("alice", AuthServiceStub.aliceAndBob(), TestMedia.png());
        AuthServiceStub.unavailable = true;
        try {
            as("carol").when().get("/api/media/" + id).then().statusCode(503)
                    .header("Retry-After", "5").body("code", equalTo("unavailable"));
            as("carol").header("If-None-Match", "*").when().get("/api/media/" + id).then().statusCode(503);
            ExtractableResponse<Response> upload = upload("carol", AuthServiceStub.aliceAndBob(), TestMedia.png());
            assertEquals(503, upload.statusCode());
            assertEquals("unavailable", upload.path("code"));
        } finally {
            AuthServiceStub.unavailable = false;
        }
    }

    @Test
    void theOpenApiDocumentNamesTheRefusals() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/media/{id}'.get.responses", hasKey("403"))
                .body("paths.'/api/media/{id}'.get.responses", hasKey("503"))
                .body("paths.'/api/media'.post.responses", hasKey("403"));
    }
}
