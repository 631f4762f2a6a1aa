package chat.message.rest;

import chat.events.ErrorCode;
import chat.events.rest.ApiException;
import chat.events.RoomNames;
import chat.events.identity.CallerIds;
import chat.events.identity.DirectoryUnavailable;
import chat.message.service.Reader;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who the caller is and whether they may read a room: a private room only for its two members,
 * whose numeric ids come from the token's {@code user_id} claim (or auth-service for an older token) (403 otherwise, 503 when it cannot say). In a public
 * room an unknown id only means the caller is recognised by username in the read state.
 */
@ApplicationScoped
public class RoomAccess {

    private final CallerIds directory;
    private final JsonWebToken caller;

    public RoomAccess(CallerIds directory, JsonWebToken caller) {
        this.directory = directory;
        this.caller = caller;
    }

    /** The caller, allowed to read the (already validated) room. */
    public Reader admit(String room) {
        Optional<RoomNames.PrivatePair> pair = RoomNames.parsePrivate(room);
        Optional<Long> userId;
        try {
            userId = directory.userId(caller);
        } catch (DirectoryUnavailable e) {
            if (pair.isPresent()) {
                throw new ApiException(ErrorCode.UNAVAILABLE, "cannot check private room membership now; retry later");
            }
            Log.debugf("room %s: caller's user id unknown, read state keyed by username", room);
            userId = Optional.empty();
        }
        if (pair.isPresent() && (userId.isEmpty() || !pair.get().hasMember(userId.get()))) {
            throw new ApiException(ErrorCode.FORBIDDEN, "not a member of this private room");
        }
        return new Reader(userId.orElse(Reader.UNKNOWN), caller.getName());
    }
}
