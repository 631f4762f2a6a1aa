package chat.gateway.ws;

import chat.events.ErrorCode;
import chat.events.Command;
import chat.events.LogFields;
import chat.events.MarkRead;
import chat.events.Origin;
import chat.events.PresenceCommand;
import chat.events.SendMessage;
import chat.gateway.config.GatewayConfig;
import chat.gateway.config.InstanceId;
import chat.gateway.frames.ClientFrame;
import chat.gateway.frames.FrameException;
import chat.gateway.frames.FrameParser;
import chat.gateway.frames.ServerFrames;
import chat.gateway.client.MediaMessages;
import chat.gateway.resume.ResumeReplay;
import chat.gateway.client.ChatUser;
import chat.gateway.metrics.GatewayMetrics;
import chat.gateway.session.ChatSession;
import chat.gateway.session.PendingAnswers;
import chat.gateway.session.RateLimiter;
import chat.gateway.session.SessionRegistry;
import chat.gateway.stream.CommandPublisher;
import io.netty.channel.Channel;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * What a chat connection does, for both endpoint paths: joins its room on open, turns each
 * client frame into a command for the owning service, leaves on close. Identity always
 * comes from the connection (resolved at the upgrade), never from the frame.
 */
@ApplicationScoped
public class ChatSocketHandler {

    private final SessionRegistry registry;
    private final FrameParser parser;
    private final CommandPublisher publisher;
    private final ResumeReplay replay;
    private final PendingAnswers answers;
    private final String instanceId;
    private final GatewayConfig.Gateway settings;
    private final MediaMessages media;
    @Inject
    GatewayMetrics metrics;

    public ChatSocketHandler(SessionRegistry registry, FrameParser parser, CommandPublisher publisher,
            ResumeReplay replay, PendingAnswers answers, InstanceId instanceId, GatewayConfig config,
            MediaMessages media) {
        this.media = media;
        this.registry = registry;
        this.parser = parser;
        this.publisher = publisher;
        this.replay = replay;
        this.answers = answers;
        this.instanceId = instanceId.value();
        this.settings = config.gateway();
    }

    Uni<Void> open(WebSocketConnection connection) {
        ChatUser user = connection.userData().get(ConnectionKeys.USER);
        String room = connection.pathParam("room");
        if (user == null) {
            return connection.close(); // cannot happen: the upgrade check resolved the user
        }
        Channel channel = connection.userData().get(ConnectionKeys.CHANNEL);
        ChatSession session = new ChatSession(connection, user, room,
                new RateLimiter(settings.framesPerSecond(), settings.frameBurst(),
                        connection.userData().get(ConnectionKeys.USER_FRAMES)),
                channel == null ? new UntunedSink(connection) : SocketTuning.sink(channel));
        Long expiresAt = connection.userData().get(ConnectionKeys.EXPIRES_AT);
        if (expiresAt != null) {
            session.expireAt(expiresAt);
        }
        connection.userData().put(ConnectionKeys.SESSION, session);
        LogFields.connection(room, user.userId(), connection.id());
        // announced once the room's events reach this connection, so it misses nothing published after
        return registry.join(session).flatMap(joined -> {
            // DEBUG: a line per connection at thousands of upgrades a second; ConnectionSummary tells operators
            Log.debugf("connection %s: user %d joined %s", connection.id(), user.userId(), room);
            metrics.connectionOpened();
            return publish(session, presence(session, PresenceCommand.Kind.JOIN));
        });
    }

    Uni<Void> message(WebSocketConnection connection, String raw) {
        ChatSession session = connection.userData().get(ConnectionKeys.SESSION);
        if (session == null) {
            return Uni.createFrom().voidItem();
        }
        LogFields.connection(session.room(), session.user().userId(), session.id());
        ClientFrame frame = null;
        FrameException refusal = null;
        try {
            frame = parser.parse(raw); // parsed before the rate check, so that every refusal can echo the client_id
        } catch (FrameException e) {
            refusal = e;
        }
        if (!session.limiter().tryAcquire()) {
            metrics.rejected(ErrorCode.RATE_LIMITED);
            String clientId = frame != null ? frame.clientId() : refusal.clientId();
            session.send(ServerFrames.error(ErrorCode.RATE_LIMITED, "too many frames; slow down", clientId));
            return Uni.createFrom().voidItem();
        }
        if (refusal != null) {
            metrics.rejected(refusal.code());
            session.send(ServerFrames.error(refusal));
            return Uni.createFrom().voidItem();
        }
        metrics.frameIn(frame);
        if (frame instanceof ClientFrame.Ping) {
            session.send(ServerFrames.PONG);
            return Uni.createFrom().voidItem();
        }
        if (frame instanceof ClientFrame.Resume resume) {
            return resume(session, resume.afterSeq());
        }
        if (MediaMessages.carriesMedia(frame)) { // stored by media-service first, then a command with its URLs
            String key = idempotencyKey(frame.clientId());
            return media.command(session, connection.userData().get(ConnectionKeys.SUBJECT), frame, key,
                    answerTo(session, key))
                    .flatMap(command -> command == null ? Uni.createFrom().voidItem() : publish(session, command));
        }
        return publish(session, command(session, frame));
    }

    void close(WebSocketConnection connection) {
        ChatSession session = connection.userData().get(ConnectionKeys.SESSION);
        if (session == null) {
            return;
        }
        LogFields.connection(session.room(), session.user().userId(), session.id());
        registry.leave(session);
        Log.debugf("connection %s: user %d left %s", connection.id(), session.user().userId(), session.room());
        metrics.connectionClosed();
        publish(session, presence(session, PresenceCommand.Kind.LEAVE)).subscribe().with(ok -> {
        }, failure -> Log.warnf("leave of %s not recorded: %s", connection.id(), failure.getMessage()));
    }

    /** A transport failure (peer vanished, reset): the close callback cleans up; nothing to tell the client. */
    void failed(WebSocketConnection connection, Throwable failure) {
        Log.debugf("connection %s: %s", connection.id(), failure.toString());
    }

    private Command command(ChatSession session, ClientFrame frame) {
        ChatUser user = session.user();
        if (frame instanceof ClientFrame.TextMessage text) {
            String key = idempotencyKey(text.clientId());
            return new SendMessage(session.room(), user.userId(), user.username(), text.clientId(),
                    key, text.text(), null, null, answerTo(session, key));
        }
        if (frame instanceof ClientFrame.MessageRead read) {
            return new MarkRead(session.room(), user.userId(), user.username(), read.messageId(),
                    new Origin(instanceId, session.id()));
        }
        if (frame instanceof ClientFrame.Typing) {
            return presence(session, PresenceCommand.Kind.TYPING);
        }
        throw new IllegalStateException("frame answered by the gateway itself: " + frame);
    }

    /** The origin of a message frame: its answer is matched to it by the idempotency key. */
    private Origin answerTo(ChatSession session, String idempotencyKey) {
        return new Origin(instanceId, session.id(), idempotencyKey);
    }

    /** The client's id makes retries idempotent; without one, every frame is a new message. */
    private static String idempotencyKey(String clientId) {
        return clientId != null ? "c:" + clientId : "g:" + UUID.randomUUID();
    }

    private PresenceCommand presence(ChatSession session, PresenceCommand.Kind kind) {
        return new PresenceCommand(kind, session.room(), session.user().userId(), session.user().username(),
                new Origin(instanceId, session.id()));
    }

    /**
     * Hands a command to its stream. A message frame then waits for its answer (bounded, see
     * {@link PendingAnswers}); one past the gateway's in-flight bound, or one that cannot even be
     * queued, is answered {@code unavailable} now.
     */
    private Uni<Void> publish(ChatSession session, Command command) {
        String ref = frameRef(command);
        String clientId = clientId(command);
        if (ref != null && !answers.expect(session, ref, clientId)) {
            return Uni.createFrom().voidItem(); // shed: answered unavailable, never sent
        }
        // written now, answered later: the socket reads its next frame without waiting for Redis,
        // and the one pipelined command connection keeps the frames in the order they came
        publisher.publish(command).onFailure(failure -> {
            Log.warnf("connection %s: %s not queued: %s", session.id(), command.type(), failure.getMessage());
            if (ref != null) {
                answers.failNow(session, ref, clientId);
            } else {
                session.send(
                        ServerFrames.error(ErrorCode.UNAVAILABLE, "the chat is briefly unavailable; try again", null));
            }
        });
        return Uni.createFrom().voidItem();
    }

    private static String frameRef(Command command) {
        return command instanceof SendMessage send ? send.origin().frameRef() : null;
    }

    private static String clientId(Command command) {
        return command instanceof SendMessage send ? send.clientId() : null;
    }

    private Uni<Void> resume(ChatSession session, long afterSeq) {
        replay.start(session, afterSeq);
        return Uni.createFrom().voidItem();
    }
}
