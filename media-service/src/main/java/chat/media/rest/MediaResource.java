package chat.media.rest;

import chat.events.ErrorCode;
import chat.events.rest.ApiError;
import chat.events.RoomNames;
import chat.media.entity.Media;
import chat.media.service.MediaRejected;
import chat.media.service.MediaService;
import chat.media.service.RoomUsage;
import chat.media.service.StoredMedia;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Upload and download of images and voice messages; the type is always sniffed from the bytes. */
@Path("/api/media")
@Authenticated
@Blocking
@Tag(name = "media", description = "Images and voice messages")
public class MediaResource {

    private final MediaService media;
    private final MediaDownloads downloads;
    private final MediaAccess access;
    private final JsonWebToken token;

    public MediaResource(MediaService media, MediaDownloads downloads, MediaAccess access, JsonWebToken token) {
        this.media = media;
        this.downloads = downloads;
        this.access = access;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "uploadMedia", summary = "Store an image or voice message", description = "The body is the file. Its declared Content-Type is ignored: the type is sniffed from "
            + "the bytes and must be an allowed image (PNG, JPEG, GIF, WebP) or audio format "
            + "(WebM, Ogg, MP3, WAV, MP4/M4A). Images must decode whole (their preview is made at upload, "
            + "their EXIF/XMP metadata removed); voice messages must be audio only. Into a private room, "
            + "only its two members may upload. The media can then be posted in that room with a message "
            + "frame's media_id.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.WILDCARD, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "201", description = "Stored", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UploadResult.class)))
    @APIResponse(responseCode = "400", description = "Invalid room name", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not a member of the private room (code forbidden)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "Larger than the limit, or the uploader's quota is used up (code too_large)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "415", description = "Not an allowed image or audio format (code unsupported_media)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "Private-room membership cannot be checked now (code unavailable)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response upload(
            @Parameter(description = "Room the media is meant for") @QueryParam("room") String room,
            InputStream body) throws IOException {
        if (room != null && !RoomNames.isValid(room)) {
            throw new MediaRejected(ErrorCode.BAD_REQUEST, "invalid room name");
        }
        access.check(room);
        StoredMedia stored = media.store(body, null, room, MediaAccess.uploaderOf(token), null);
        return Response.created(URI.create(stored.url())).entity(UploadResult.of(stored)).build();
    }

    @GET
    @Path("rooms/{room}/usage")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getRoomMediaUsage", summary = "How much media a room holds", description = "The number of media stored for the room and their bytes (previews included). "
            + "A private room's usage is shown to its two members only.")
    @APIResponse(responseCode = "200", description = "The usage", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoomUsage.class)))
    @APIResponse(responseCode = "400", description = "Invalid room name", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not a member of the private room (code forbidden)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public RoomUsage usage(@Parameter(description = "Room name") @PathParam("room") String room) {
        if (!RoomNames.isValid(room)) {
            throw new MediaRejected(ErrorCode.BAD_REQUEST, "invalid room name");
        }
        access.check(room);
        return media.usage(room);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getMedia", summary = "Download a media", description = "The bytes with their sniffed Content-Type and nosniff; supports a single HTTP byte range. "
            + "A private room's media are served to its two members only (checked before If-None-Match and Range).")
    @APIResponse(responseCode = "200", description = "The media", content = @Content(mediaType = "*/*", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "206", description = "The requested byte range", content = @Content(mediaType = "*/*", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Media of a private room the caller is not a member of (code forbidden)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "Unknown media (code not_found)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "416", description = "Range outside the media (code range_not_satisfiable)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "Private-room membership cannot be checked now (code unavailable)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response get(
            @Parameter(description = "Media id") @PathParam("id") String id,
            @Parameter(description = "Single byte range, e.g. bytes=0-1023") @HeaderParam("Range") String range,
            @Parameter(description = "Serve the range only if the ETag still matches") @HeaderParam("If-Range") String ifRange,
            @Parameter(description = "ETag the client already has") @HeaderParam("If-None-Match") String ifNoneMatch) {
        return media.find(id)
                .map((Media found) -> {
                    access.check(found.room); // before any conditional or range answer
                    return downloads.answer(found, range, ifRange, ifNoneMatch);
                })
                .orElseGet(() -> Response.status(404).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(ApiError.of(ErrorCode.NOT_FOUND, "no such media")).build());
    }
}
