package chat.auth.rest;

import chat.events.rest.ApiError;
import chat.auth.service.DirectoryEntry;
import chat.auth.service.DirectoryService;
import chat.auth.service.UserRef;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The user directory and the caller's own entry. */
@Path("/api/users")
@Authenticated
@Blocking
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
public class UserResource {

    private final Caller caller;
    private final DirectoryService directory;

    public UserResource(Caller caller, DirectoryService directory) {
        this.caller = caller;
        this.directory = directory;
    }

    @GET
    @Path("/me")
    @Operation(operationId = "me", summary = "The caller's directory entry, created on first sight")
    @APIResponse(responseCode = "200", description = "The caller", content = @Content(schema = @Schema(implementation = UserRef.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public UserRef me() {
        return caller.current();
    }

    @GET
    @Operation(operationId = "listUsers", summary = "Every user, ordered by username, with online and last seen")
    @APIResponse(responseCode = "200", description = "The directory", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = DirectoryEntry.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public List<DirectoryEntry> list() {
        caller.current();
        return directory.entries();
    }
}
