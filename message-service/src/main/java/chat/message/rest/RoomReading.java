package chat.message.rest;

import chat.events.ErrorCode;
import chat.events.RoomNames;
import chat.events.identity.CallerIds;
import chat.events.identity.DirectoryUnavailable;
import chat.events.rest.ApiException;
import chat.message.frames.ChatMessageFrame;
import chat.message.service.ReadPointer;
import chat.message.service.ReadState;
import chat.message.service.ReadStates;
import chat.message.service.Reader;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A REST caller reading a room's messages (history or search): admitted first, then shown what
 * the other readers have read. A private room is only for its two members, whose numeric ids come
 * from the token's {@code user_id} claim (or auth-service for an older token): 403 otherwise, 503
 * when it cannot say. In a public room an unknown id only means the caller is recognised by
 * username in the read state.
 */
@ApplicationScoped
public class RoomReading {

    private final CallerIds directory;
    private final JsonWebToken caller;
    private final ReadStates readStates;

    public RoomReading(CallerIds directory, JsonWebToken caller, ReadStates readStates) {
        this.directory = directory;
        this.caller = caller;
        this.readStates = readStates;
    }

    /**
     * The messages {@code query} finds, run only once the caller may read the (validated) room.
     *
     * @throws ApiException 403 {@code forbidden} for a non-member of a private room, 503 {@code unavailable}
     *                      when membership cannot be checked now
     */
    public Page read(String room, Supplier<List<ChatMessageFrame>> query) {
        Reader reader = admit(room);
        List<ChatMessageFrame> frames = query.get();
        ReadState reads = readStates.of(room, reader, frames.stream().map(ChatMessageFrame::seq).toList());
        return new Page(HistoryMessage.of(frames, reads), reads.pointers());
    }

    private Reader admit(String room) {
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

    /**
     * @param messages     the frames with {@code read_by}, in the query's order
     * @param readPointers the other readers' pointers, most recently moved first
     */
    public record Page(List<HistoryMessage> messages, List<ReadPointer> readPointers) {
    }
}
