package chat.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The OpenAPI document names every operation, and health answers. */
@QuarkusTest
@QuarkusTestResource(value = AuthStackResource.class, initArgs = @ResourceArg(name = "database", value = "chat_auth"))
class OpenApiTest {

    @Test
    void everyOperationIsDocumented() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.collect { it.value.collect { op -> op.value.operationId } }.flatten()",
                        hasItems("me", "listUsers", "signup", "openPrivateRoom", "privateRoomMember"));
    }

    @Test
    void healthIsUp() {
        given().get("/q/health").then().statusCode(200);
    }
}
