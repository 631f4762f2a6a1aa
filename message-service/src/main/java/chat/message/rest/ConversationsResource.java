package chat.message.rest;

import chat.events.ErrorCode;
import chat.events.rest.ApiException;
import chat.events.rest.ApiError;
import chat.events.identity.CallerIds;
import chat.events.identity.DirectoryUnavailable;
import chat.message.service.ConversationService;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's conversation list: rooms they read in and their private rooms, with newest message and unread count. */
@Path("/api/conversations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "conversations")
public class ConversationsResource {

    private final ConversationService conversations;
    private final CallerIds directory;
    private final JsonWebToken caller;

    public ConversationsResource(ConversationService conversations, CallerIds directory, JsonWebToken caller) {
        this.conversations = conversations;
        this.directory = directory;
        this.caller = caller;
    }

    @GET
    @Blocking
    @Operation(operationId = "listConversations", summary = "The caller's conversations, newest activity first", description = "Rooms with the caller's read pointer (public or private) and private rooms of the caller that "
            + "have messages. `unread` counts messages of others after the caller's pointer, at most 100.")
    @APIResponse(responseCode = "200", description = "The conversations", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConversationList.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "The user directory (auth-service) cannot say who the caller is", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public ConversationList list() {
        try {
            return new ConversationList(directory.userId(caller)
                    .map(conversations::of).orElse(List.of()));
        } catch (DirectoryUnavailable e) {
            throw new ApiException(ErrorCode.UNAVAILABLE, "cannot tell who you are now; retry later");
        }
    }
}
