package chat.gateway.client;

import chat.events.ErrorCode;
import chat.events.MediaUpload;
import chat.events.Origin;
import chat.events.SendMessage;
import chat.gateway.frames.ClientFrame;
import chat.gateway.frames.ServerFrames;
import chat.gateway.session.ChatSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns the frames that carry media into {@code send_message} commands: a {@code file} or
 * {@code audio} frame's bytes are first stored by media-service (streamed over HTTP), a message
 * frame's {@code media_id} is first looked up there (its uploader and room must be the sender's).
 * The command then holds URLs only, so Redis never carries media bytes. A refusal is answered to
 * the sender at once, with the frame's {@code client_id}.
 */
@ApplicationScoped
public class MediaMessages {

    private static final String DATA = "data:";
    private static final String BASE64 = ";base64";

    private final MediaServiceClient mediaService;

    public MediaMessages(MediaServiceClient mediaService) {
        this.mediaService = mediaService;
    }

    /** True for the frames this class turns into commands. */
    public static boolean carriesMedia(ClientFrame frame) {
        return frame instanceof ClientFrame.Media || frame instanceof ClientFrame.MediaPost;
    }

    /**
     * The command for a media frame, or null (after an {@code error} frame to the sender) when
     * the media is refused or cannot be stored now.
     *
     * @param subject        the sender's Keycloak subject (media are owned by it)
     * @param idempotencyKey the frame's key: the upload and the message are both retried harmlessly with it
     */
    public Uni<SendMessage> command(ChatSession session, String subject, ClientFrame frame, String idempotencyKey,
            Origin origin) {
        String clientId = frame.clientId();
        return stored(session, subject, frame, idempotencyKey)
                .map(media -> message(session, frame, clientId, idempotencyKey, origin, media))
                .onFailure(MediaRefused.class).recoverWithItem(failure -> {
                    MediaRefused refused = (MediaRefused) failure;
                    Log.infof("connection %s: media refused (%s): room %s, user %d", session.id(), refused.code(),
                            session.room(), session.user().userId());
                    session.send(ServerFrames.error(refused.code(), refused.getMessage(), clientId));
                    return null;
                });
    }

    private Uni<StoredMediaRef> stored(ChatSession session, String subject, ClientFrame frame, String key) {
        if (frame instanceof ClientFrame.MediaPost post) {
            return mediaService.claim(post.mediaId(), session.room(), subject);
        }
        ClientFrame.Media media = (ClientFrame.Media) frame;
        String url = media.dataUrl();
        int comma = url.indexOf(',');
        if (!url.regionMatches(true, 0, DATA, 0, DATA.length()) || comma < 0
                || !url.regionMatches(true, comma - BASE64.length(), BASE64, 0, BASE64.length())) {
            return Uni.createFrom()
                    .failure(new MediaRefused(ErrorCode.BAD_FRAME, "file_data must be a base64 data: URL"));
        }
        String kind = media.kind() == MediaUpload.Kind.IMAGE ? "image" : "audio";
        return mediaService.upload(kind, session.room(), subject, key, url, comma + 1);
    }

    private static SendMessage message(ChatSession session, ClientFrame frame, String clientId, String key,
            Origin origin, StoredMediaRef media) {
        ChatUser user = session.user();
        String text = frame instanceof ClientFrame.MediaPost post ? post.text() : "";
        boolean image = media.isImage();
        return new SendMessage(session.room(), user.userId(), user.username(), clientId, key, text,
                image ? media.url() : null, image ? null : media.url(), origin,
                image ? media.thumbUrl() : null, image ? null : media.durationMs());
    }
}
