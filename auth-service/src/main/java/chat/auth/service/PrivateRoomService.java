package chat.auth.service;

import chat.events.ErrorCode;
import chat.events.rest.ApiException;
import chat.events.RoomNames;
import chat.events.RoomNames.PrivatePair;
import jakarta.enterprise.context.ApplicationScoped;

/** Private rooms: their canonical names and who belongs to them. */
@ApplicationScoped
public class PrivateRoomService {

    private final UserDirectory directory;

    public PrivateRoomService(UserDirectory directory) {
        this.directory = directory;
    }

    /** The room of the caller and another user (get or create: the name is all there is). */
    public String roomWith(UserRef caller, Long otherId) {
        if (otherId == null) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "user_id is required");
        }
        if (otherId == caller.userId()) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "a private room needs two different users");
        }
        if (!directory.exists(otherId)) {
            throw new ApiException(ErrorCode.UNKNOWN_USER, "no such user");
        }
        return RoomNames.privateRoom(caller.userId(), otherId);
    }

    /** Whether a user belongs to a private room; refuses malformed, unsorted or unknown rooms. */
    public boolean isMember(String room, long userId) {
        PrivatePair pair = RoomNames.parsePrivate(room)
                .orElseThrow(() -> new ApiException(ErrorCode.UNKNOWN_ROOM, "not a private room name"));
        if (!pair.isCanonical()) {
            throw new ApiException(ErrorCode.BAD_ROOM, "a private room name has two distinct ids in ascending order");
        }
        if (!directory.exists(pair.first()) || !directory.exists(pair.second()) || !directory.exists(userId)) {
            throw new ApiException(ErrorCode.UNKNOWN_USER, "no such user");
        }
        return pair.hasMember(userId);
    }
}
