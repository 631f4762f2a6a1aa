package chat.media.rest;

import chat.events.ErrorCode;
import chat.events.rest.ApiError;
import chat.events.RoomNames;
import chat.media.service.MediaKind;
import chat.media.service.MediaRejected;
import chat.media.service.MediaService;
import chat.media.service.StoredMedia;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Cluster-internal media calls of the gateways, without user authentication (the gateway
 * authenticated the connection and checked its room at the upgrade; it never routes
 * {@code /internal} to clients): the bytes of a {@code file}/{@code audio} frame, streamed in as
 * they are decoded, and the look-up of a {@code media_id} a message frame posts.
 */
@Path("/internal/media")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "internal")
public class InternalMediaResource {

    private final MediaService media;

    public InternalMediaResource(MediaService media) {
        this.media = media;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "uploadFrameMedia", summary = "Store the media of a WebSocket frame, for gateways", description = "The body is the decoded file, streamed. Checked like any upload (type by content, decoding, "
            + "size, quota). A retry with the same key, subject and room answers the media stored first.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.WILDCARD, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "201", description = "Stored", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UploadResult.class)))
    @APIResponse(responseCode = "200", description = "Stored before, by a delivery with the same key", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UploadResult.class)))
    @APIResponse(responseCode = "400", description = "Invalid room, kind or subject (code bad_request)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "Over the size limit or the quota (code too_large)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "415", description = "Not an allowed, complete image or audio file (code unsupported_media)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response upload(
            @Parameter(description = "image or audio") @QueryParam("kind") String kind,
            @Parameter(description = "Room the frame was sent in") @QueryParam("room") String room,
            @Parameter(description = "Keycloak subject of the sender") @QueryParam("subject") String subject,
            @Parameter(description = "Idempotency key of the frame") @QueryParam("key") String key,
            InputStream body) throws IOException {
        MediaKind required = kind(kind);
        String uploader = uploader(room, subject);
        Optional<StoredMedia> earlier = media.storedFor(key, uploader, room);
        if (earlier.isPresent()) {
            return Response.ok(UploadResult.of(earlier.get())).build();
        }
        StoredMedia stored = media.store(body, required, room, uploader, key);
        return Response.status(201).entity(UploadResult.of(stored)).build();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "claimMedia", summary = "A media its uploader posts into a room, for gateways", description = "Answers the media only to the subject who uploaded it, for the room it was uploaded for.")
    @APIResponse(responseCode = "200", description = "The media", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UploadResult.class)))
    @APIResponse(responseCode = "403", description = "Uploaded by someone else, or for another room (code forbidden)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such media (code not_found)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response claim(
            @Parameter(description = "Media id") @PathParam("id") String id,
            @Parameter(description = "Room the message is posted in") @QueryParam("room") String room,
            @Parameter(description = "Keycloak subject of the sender") @QueryParam("subject") String subject) {
        return media.claim(id, room, uploader(room, subject))
                .map(stored -> Response.ok(UploadResult.of(stored)).build())
                .orElseGet(
                        () -> Response.status(404).entity(ApiError.of(ErrorCode.NOT_FOUND, "no such media")).build());
    }

    private static String uploader(String room, String subject) {
        if (room == null || !RoomNames.isValid(room)) {
            throw new MediaRejected(ErrorCode.BAD_REQUEST, "invalid room name");
        }
        if (subject == null || subject.isBlank()) {
            throw new MediaRejected(ErrorCode.BAD_REQUEST, "subject missing");
        }
        return MediaAccess.uploaderOf(subject);
    }

    private static MediaKind kind(String kind) {
        if ("image".equals(kind)) {
            return MediaKind.IMAGE;
        }
        if ("audio".equals(kind)) {
            return MediaKind.AUDIO;
        }
        throw new MediaRejected(ErrorCode.BAD_REQUEST, "kind must be image or audio");
    }
}
