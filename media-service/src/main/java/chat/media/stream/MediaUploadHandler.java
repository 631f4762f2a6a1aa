package chat.media.stream;

import chat.events.ErrorCode;
import chat.events.Command;
import chat.events.ErrorFrame;
import chat.events.MalformedEntryException;
import chat.events.MediaUpload;
import chat.events.RoomEvent;
import chat.events.SendMessage;
import chat.events.StreamCodec;
import chat.events.redis.BatchHandler;
import chat.events.redis.StreamEntry;
import chat.media.service.DataUrl;
import chat.media.service.MediaKind;
import chat.media.service.MediaRejected;
import chat.media.service.MediaService;
import chat.media.service.RoomMembership;
import chat.media.service.StoredMedia;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Handles media uploads left on the media stream by gateways of earlier versions (gateways now
 * stream the bytes over HTTP, {@code /internal/media}, and put no media into Redis): checks and
 * stores each one, then hands a
 * {@code send_message} command with the media URL to message-service, or sends an
 * {@code error} frame to the uploading connection (also to a non-member uploading into a private
 * room). Entries are deleted ({@code XDEL}) once handled, since they carry the media bytes.
 */
@ApplicationScoped
public class MediaUploadHandler implements BatchHandler {

    private final MediaService media;
    private final StreamPublishers publishers;
    private final StreamCommands<String, String, String> streams;

    public MediaUploadHandler(MediaService media, StreamPublishers publishers, RedisDataSource redis) {
        this.media = media;
        this.publishers = publishers;
        this.streams = redis.stream(String.class);
    }

    @Override
    public void handle(List<StreamEntry> entries) {
        List<MediaUpload> uploads = new ArrayList<>(entries.size());
        for (StreamEntry entry : entries) { // all decoded before any work: a bad entry then costs no double work
            uploads.add(decode(entry));
        }
        for (MediaUpload upload : uploads) {
            handle(upload);
        }
        // the work is durable (stored, command published): the bytes need not stay in Redis;
        // StreamConsumer acknowledges the entries right after this returns
        streams.xdel(publishers.names().mediaCommands(), entries.stream().map(StreamEntry::id).toArray(String[]::new));
    }

    private void handle(MediaUpload upload) {
        try {
            StoredMedia stored = store(upload);
            boolean image = upload.kind() == MediaUpload.Kind.IMAGE;
            publishers.messages().publish(upload.room(),
                    StreamCodec.encode(new SendMessage(upload.room(), upload.userId(),
                            upload.username(), upload.clientId(), upload.idempotencyKey(), "",
                            image ? stored.url() : null, image ? null : stored.url(), upload.origin(),
                            stored.thumbUrl(), stored.durationMs())));
        } catch (MediaRejected rejected) {
            Log.infof("media upload refused (%s): room %s, user %d", rejected.code(), upload.room(), upload.userId());
            sendError(upload, rejected);
        }
    }

    private StoredMedia store(MediaUpload upload) {
        if (!RoomMembership.admits(upload.room(), upload.userId())) { // the gateway checked too, at the upgrade
            throw new MediaRejected(ErrorCode.FORBIDDEN, "not a member of this private room");
        }
        String uploader = Long.toString(upload.userId());
        var earlier = media.storedFor(upload.idempotencyKey(), uploader, upload.room());
        if (earlier.isPresent()) {
            Log.infof("media upload retried: media %s reused, room %s, user %d", earlier.get().id(), upload.room(),
                    upload.userId());
            return earlier.get();
        }
        DataUrl url = DataUrl.parse(upload.dataUrl());
        media.checkSize(url.decodedLength());
        MediaKind kind = upload.kind() == MediaUpload.Kind.IMAGE ? MediaKind.IMAGE : MediaKind.AUDIO;
        return media.store(url.decode(), kind, upload.room(), uploader, upload.idempotencyKey());
    }

    private void sendError(MediaUpload upload, MediaRejected rejected) {
        if (upload.origin() == null) {
            return; // nobody to tell; never broadcast an error to the whole room
        }
        String frame = ErrorFrame.of(rejected.code(), rejected.reason()).forClient(upload.clientId()).encode();
        publishers.events().publish(RoomEvent.toConnection(RoomEvent.ERROR, upload.room(), frame, upload.origin()));
    }

    private static MediaUpload decode(StreamEntry entry) {
        Command command = StreamCodec.decodeCommand(entry.fields());
        if (command instanceof MediaUpload upload && upload.kind() != null && upload.room() != null) {
            return upload;
        }
        throw new MalformedEntryException("entry " + entry.id() + " is not a complete media upload");
    }
}
