package chat.message.service;

import chat.events.RoomNames;
import chat.events.TextRules;
import chat.events.SendMessage;
import chat.message.config.MessageConfig;
import chat.events.ErrorCode;
import chat.events.ErrorFrame;
import chat.message.frames.MessageFrames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;

/**
 * Checks a message command again (defence in depth: the gateway checks first). A refused
 * command gets an {@code error} frame and is never retried.
 */
@ApplicationScoped
public class CommandValidator {

    static final int MAX_CLIENT_ID = 64;
    static final int MAX_IDEMPOTENCY_KEY = 128;
    static final int MAX_USERNAME = 255;
    static final int MAX_URL = 2048;
    static final String MEDIA_PATH = "/api/media/";

    private final int maxTextLength;

    @Inject
    public CommandValidator(MessageConfig config) {
        this(config.maxTextLength());
    }

    CommandValidator(int maxTextLength) {
        this.maxTextLength = maxTextLength;
    }

    /** The error to answer with, or empty when the command may be stored. */
    public Optional<ErrorFrame> check(SendMessage c) {
        if (!RoomNames.isValid(c.room())) {
            return bad("invalid room name");
        }
        if (c.userId() <= 0 || c.username() == null || c.username().isBlank() || c.username().length() > MAX_USERNAME) {
            return bad("missing or invalid sender");
        }
        Optional<RoomNames.PrivatePair> pair = RoomNames.parsePrivate(c.room());
        if (pair.isPresent() && !pair.get().hasMember(c.userId())) {
            return Optional.of(MessageFrames.error(ErrorCode.FORBIDDEN, "not a member of this private room"));
        }
        String text = c.text() == null ? "" : c.text();
        if (text.codePointCount(0, text.length()) > maxTextLength) {
            return Optional.of(MessageFrames.error(ErrorCode.TOO_LARGE, "text over " + maxTextLength + " characters"));
        }
        if (!TextRules.isAcceptable(text) || !TextRules.isAcceptable(c.clientId())
                || !TextRules.isAcceptable(c.username())
                || !TextRules.isAcceptable(c.idempotencyKey())) {
            return bad("text, client_id or sender contains control characters");
        }
        if (text.isBlank() && c.imageUrl() == null && c.audioUrl() == null) {
            return bad("a message needs text, an image or a voice recording");
        }
        if (!isMediaUrl(c.imageUrl()) || !isMediaUrl(c.audioUrl()) || !isMediaUrl(c.imageThumbUrl())) {
            return bad("media URL not under " + MEDIA_PATH);
        }
        if (c.audioDurationMs() != null && c.audioDurationMs() < 0) {
            return bad("negative audio duration");
        }
        if (c.clientId() != null && c.clientId().length() > MAX_CLIENT_ID) {
            return bad("client_id over " + MAX_CLIENT_ID + " characters");
        }
        if (c.idempotencyKey() == null || c.idempotencyKey().isEmpty()
                || c.idempotencyKey().length() > MAX_IDEMPOTENCY_KEY) {
            return bad("missing or oversized idempotency key");
        }
        return Optional.empty();
    }

    /** Null (no media), or a relative or absolute http(s) URL whose path is under /api/media/. */
    static boolean isMediaUrl(String url) {
        if (url == null) {
            return true;
        }
        if (url.length() > MAX_URL) {
            return false;
        }
        try {
            URI uri = new URI(url);
            boolean schemeOk = uri.getScheme() == null
                    ? uri.getHost() == null
                    : (uri.getScheme().equals("http") || uri.getScheme().equals("https")) && uri.getHost() != null;
            String path = uri.getPath();
            return schemeOk && path != null && path.startsWith(MEDIA_PATH) && path.length() > MEDIA_PATH.length()
                    && !path.contains("/../");
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static Optional<ErrorFrame> bad(String reason) {
        return Optional.of(MessageFrames.error(ErrorCode.BAD_FRAME, reason));
    }
}
