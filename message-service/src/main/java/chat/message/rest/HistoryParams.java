package chat.message.rest;

import chat.events.ErrorCode;
import chat.events.rest.ApiException;
import chat.events.RoomNames;
import chat.message.config.MessageConfig;
import chat.message.service.HistoryQuery;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks the room and the paging parameters of a history request. Query parameters arrive
 * as text so that a malformed number is a 400 {@code bad_request}, not a 404.
 */
@ApplicationScoped
public class HistoryParams {

    private final MessageConfig.History limits;

    public HistoryParams(MessageConfig config) {
        this.limits = config.history();
    }

    /** A public room name or a canonical {@code private_a_b}; otherwise 400. */
    public static void checkRoom(String room) {
        if (!RoomNames.isValid(room)) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "invalid room name");
        }
    }

    /** The query; 400 for a non-numeric or negative seq, or a limit outside 1..max (no clamping). */
    public HistoryQuery parse(String afterSeq, String beforeSeq, String limit) {
        Long after = seq("after_seq", afterSeq);
        Long before = seq("before_seq", beforeSeq);
        return new HistoryQuery(after, before, limit(limit, limits.defaultLimit(), limits.maxLimit()));
    }

    /** The limit, or the default when absent; 400 when not a whole number in 1..max (no clamping). */
    static int limit(String limit, int defaultLimit, int maxLimit) {
        if (limit == null || limit.isEmpty()) {
            return defaultLimit;
        }
        long n = number("limit", limit);
        if (n < 1 || n > maxLimit) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "limit must be between 1 and " + maxLimit);
        }
        return (int) n;
    }

    private static Long seq(String name, String value) {
        return value == null || value.isEmpty() ? null : number(name, value);
    }

    private static long number(String name, String value) {
        try {
            long n = Long.parseLong(value);
            if (n < 0) {
                throw new ApiException(ErrorCode.BAD_REQUEST, name + " must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, name + " must be a whole number");
        }
    }
}
