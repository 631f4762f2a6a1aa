package chat.message.rest;

import chat.events.rest.ApiError;
import chat.message.service.SearchQuery;
import chat.message.service.SearchService;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Full-text search in one room's messages for logged-in users (private rooms: members only, as for history). */
@Path("/api/rooms/{room}/search")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "history")
public class RoomSearchResource {

    private final SearchService search;
    private final SearchParams params;
    private final RoomReading reading;

    public RoomSearchResource(SearchService search, SearchParams params, RoomReading reading) {
        this.search = search;
        this.params = params;
        this.reading = reading;
    }

    @GET
    @Blocking
    @Operation(operationId = "searchRoomMessages", summary = "Search a room's messages by words, newest first", description = "`q` in web-search syntax (`\"a phrase\"`, `or`, `-word`); words are matched whole and "
            + "case-insensitively, in any language (no stemming). Each message has `read_by`; `read_pointers` "
            + "lists the other readers' pointers, most recent first.")
    @APIResponse(responseCode = "200", description = "The matching messages", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SearchPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid room name, missing or blank q, q over 200 characters, or limit outside 1..200", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "Private room of which the caller is not a member", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "Private room, and the user directory (auth-service) cannot say who the caller is", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public SearchPage search(
            @Parameter(description = "Room name") @PathParam("room") String room,
            @Parameter(description = "Words to look for (at most 200 characters)") @QueryParam("q") String q,
            @Parameter(description = "At most this many messages (default 50, at most 200)") @QueryParam("limit") String limit) {
        HistoryParams.checkRoom(room);
        SearchQuery query = params.parse(q, limit);
        RoomReading.Page page = reading.read(room, () -> search.search(room, query));
        return new SearchPage(room, q, page.messages(), page.readPointers());
    }
}
