package chat.media.rest;

import chat.events.ErrorCode;
import chat.events.rest.ApiException;
import chat.events.identity.CallerIds;
import chat.events.identity.DirectoryUnavailable;
import chat.media.service.RoomMembership;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Whether the caller may upload to, or read the media of, a room: private-room media only for
 * the room's two members, whose numeric ids come from auth-service (403 otherwise, 503 when it
 * cannot say). No room or a public room: anyone authenticated, without asking auth-service.
 */
@ApplicationScoped
public class MediaAccess {

    private final CallerIds directory;
    private final JsonWebToken caller;

    public MediaAccess(CallerIds directory, JsonWebToken caller) {
        this.directory = directory;
        this.caller = caller;
    }

    /** How a REST caller is recorded as uploader (its quota and its media are counted under this). */
    public static String uploaderOf(JsonWebToken token) {
        return uploaderOf(token.getSubject());
    }

    /** The uploader id of a Keycloak subject, for REST and gateway uploads alike. */
    public static String uploaderOf(String subject) {
        return "kc:" + subject;
    }

    /**
     * @param room the room of the media (null when uploaded without one)
     * @throws ApiException 403 {@code forbidden} for a non-member, 503 {@code unavailable}
     */
    public void check(String room) {
        if (!RoomMembership.isRestricted(room)) {
            return;
        }
        Optional<Long> userId;
        try {
            userId = directory.userId(caller);
        } catch (DirectoryUnavailable e) {
            throw new ApiException(ErrorCode.UNAVAILABLE, "cannot check private room membership now; retry later");
        }
        if (userId.isEmpty() || !RoomMembership.admits(room, userId.get())) {
            Log.infof("private room %s: media refused to subject %s (user %s)", room, caller.getSubject(),
                    userId.map(String::valueOf).orElse("unknown"));
            throw new ApiException(ErrorCode.FORBIDDEN, "not a member of this private room");
        }
    }
}
