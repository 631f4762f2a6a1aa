package chat.gateway.resume;

import chat.events.ErrorCode;
import chat.gateway.config.GatewayConfig;
import chat.gateway.frames.ServerFrames;
import chat.gateway.client.MessageHistory;
import chat.gateway.client.StoredMessage;
import chat.gateway.session.ChatSession;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Answers a client's {@code resume}: replays the room's history after its seq page by page,
 * each page fetched only once the previous one reached the socket, then hands over to the live
 * stream (live messages are held meanwhile, see {@link ChatSession#beginResume}). A resuming
 * connection holds one page at most, and {@link ResumeSlots} bounds how many replay at once.
 */
@ApplicationScoped
public class ResumeReplay {

    /** Size assumed for a message before any was seen (a chat message with some text and URLs). */
    private static final int FIRST_GUESS_CHARS = 1024;

    private final MessageHistory history;
    private final ResumeSlots slots;
    private final ResumeMeters meters;
    private final int pageMessages;
    private final int pageBytes;
    private final long writeTimeoutMillis;

    public ResumeReplay(MessageHistory history, ResumeSlots slots, ResumeMeters meters, GatewayConfig config) {
        GatewayConfig.Resume settings = config.gateway().resume();
        this.history = history;
        this.slots = slots;
        this.meters = meters;
        this.pageMessages = Math.max(1, Math.min(200, settings.pageMessages()));
        this.pageBytes = Math.max(1, settings.pageBytes());
        this.writeTimeoutMillis = Math.max(1, settings.pageWriteTimeout().toMillis());
    }

    /** One replay's progress: the largest message seen sizes the next page. */
    private final class Replay {

        final ChatSession session;
        int largestChars; // 0 until the first page arrived

        Replay(ChatSession session) {
            this.session = session;
        }

        int nextLimit() {
            return Math.max(1,
                    Math.min(pageMessages, pageBytes / (largestChars == 0 ? FIRST_GUESS_CHARS : largestChars)));
        }
    }

    /** Starts a resume of everything after {@code afterSeq}; refused while one runs on the connection or when too many wait. */
    public void start(ChatSession session, long afterSeq) {
        if (!session.beginResume(afterSeq)) {
            session.send(
                    ServerFrames.error(ErrorCode.RATE_LIMITED, "a resume is already running on this connection", null));
            return;
        }
        Replay replay = new Replay(session);
        if (!slots.submit(() -> fetchNext(replay))) {
            meters.refused();
            session.abortResume();
            session.send(ServerFrames.error(ErrorCode.UNAVAILABLE, "too many resumes right now; resume again shortly",
                    null));
        }
    }

    private void fetchNext(Replay replay) {
        ChatSession session = replay.session;
        if (!session.isOpen()) {
            end(replay);
            return;
        }
        int limit = replay.nextLimit();
        // from what the connection has: what it already got is never fetched or written again
        history.after(session.room(), session.lastSeq(), limit).subscribe().with(
                page -> write(replay, page, limit),
                failure -> {
                    Log.warnf("connection %s: resume failed: %s", session.id(), failure.getMessage());
                    session.abortResume();
                    session.send(
                            ServerFrames.error(ErrorCode.UNAVAILABLE, "history is briefly unavailable; resume again",
                                    null));
                    end(replay);
                });
    }

    private void write(Replay replay, List<StoredMessage> page, int limit) {
        long chars = 0;
        for (StoredMessage m : page) {
            chars += m.frame().length();
            replay.largestChars = Math.max(replay.largestChars, m.frame().length());
        }
        long held = chars;
        meters.pageFetched(held);
        replay.session.writeHistory(page).toCompletableFuture()
                .orTimeout(writeTimeoutMillis, TimeUnit.MILLISECONDS)
                .whenComplete((ok, failure) -> {
                    meters.pageDone(held);
                    if (failure != null) {
                        stopped(replay, failure);
                    } else if (page.size() < limit && replay.session.finishResume()) {
                        end(replay); // history had no more: live from here on
                    } else {
                        fetchNext(replay);
                    }
                });
    }

    /** A page that could not be written: the connection closed, or its reader is too slow to keep. */
    private void stopped(Replay replay, Throwable failure) {
        if (failure instanceof TimeoutException) {
            replay.session.dropAsSlow(); // it reconnects and resumes from what it got
        }
        Log.debugf("connection %s: resume stopped: %s", replay.session.id(), failure.toString());
        replay.session.abortResume();
        end(replay);
    }

    private void end(Replay replay) {
        slots.release();
    }
}
