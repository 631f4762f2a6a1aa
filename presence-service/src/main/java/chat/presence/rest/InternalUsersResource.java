package chat.presence.rest;

import chat.presence.service.DirectoryPresence;
import chat.presence.service.PresenceQueries;
import chat.events.ErrorCode;
import chat.events.rest.ApiError;
import chat.events.rest.ApiException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Presence for auth-service's directory: who is online now and the last-seen times changed since
 * a cursor; only a service token with the role {@code presence-reader}.
 */
@Path("/internal/users/presence")
@RolesAllowed("presence-reader")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class InternalUsersResource {

    private final PresenceQueries queries;

    public InternalUsersResource(PresenceQueries queries) {
        this.queries = queries;
    }

    @GET
    @Operation(operationId = "directoryPresence", summary = "Users online now, and last-seen times written since a cursor")
    @APIResponse(responseCode = "200", description = "Online user ids, the last-seen changes (all of them without a cursor), the next cursor", content = @Content(schema = @Schema(implementation = DirectoryPresence.class)))
    @APIResponse(responseCode = "400", description = "The cursor is not an ISO-8601 instant", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "No valid service token", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role presence-reader", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public DirectoryPresence presence(
            @Parameter(description = "The cursor of the previous answer; without it every last-seen time is listed") @QueryParam("cursor") String cursor) {
        return queries.directory(parse(cursor));
    }

    private static Optional<Instant> parse(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(cursor));
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "cursor must be an ISO-8601 instant");
        }
    }
}
