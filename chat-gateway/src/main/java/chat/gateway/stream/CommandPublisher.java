package chat.gateway.stream;

import chat.events.Command;
import chat.events.MarkRead;
import chat.events.MediaUpload;
import chat.events.PresenceCommand;
import chat.events.SendMessage;
import chat.events.StreamCodec;
import chat.events.StreamNames;
import chat.events.config.StreamsConfig;
import chat.events.redis.StreamPublisher;
import chat.events.tracing.StreamTrace;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.redis.client.Response;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Appends the gateway's commands to the services' streams over the one pipelined
 * {@link CommandConnection}, without blocking the event loop: message commands to their room's
 * partition (never trimmed here: refused by the {@link BacklogGuard} instead once a partition
 * is too far behind).
 */
@ApplicationScoped
public class CommandPublisher {

    /** Media entries are large: keep few of them, media-service deletes them once stored. */
    private static final long MEDIA_MAX_LENGTH = 1_000;
    /** Presence commands are re-sent by every heartbeat and rejoin, so the oldest may go if presence-service is away long. */
    private static final long PRESENCE_MAX_LENGTH = 100_000;

    private final CommandConnection redis;
    private final StreamNames names;
    private final int partitions;
    private final BacklogGuard backlog;
    private final Tracer tracer;

    public CommandPublisher(CommandConnection redis, StreamsConfig config, BacklogGuard backlog, Tracer tracer) {
        this.redis = redis;
        this.tracer = tracer;
        this.names = new StreamNames(config.prefix());
        this.partitions = config.messagePartitions();
        this.backlog = backlog;
    }

    /** Routes a command to the stream of the service that owns it; the item is the entry id. */
    public Future<String> publish(Command command) {
        if (command instanceof PresenceCommand) {
            return xadd(names.presenceCommands(), PRESENCE_MAX_LENGTH, command);
        }
        if (command instanceof MediaUpload) {
            return xadd(names.mediaCommands(), MEDIA_MAX_LENGTH, command);
        }
        String room = command instanceof SendMessage send ? send.room() : ((MarkRead) command).room();
        if (backlog.isFull(room)) {
            return Future.failedFuture(new BacklogFull(room));
        }
        return xadd(names.messageCommandsFor(room, partitions), 0, command);
    }

    private Future<String> xadd(String key, long maxLength, Command command) {
        // the command's trace starts here (a no-op span, and no field, while the SDK is off)
        Span span = StreamTrace.producing(tracer, "publish " + command.type());
        return redis
                .send(StreamPublisher.xadd(key, maxLength, StreamCodec.encode(command, StreamTrace.traceparent(span)))
                        .getDelegate())
                .map(Response::toString)
                .onComplete(done -> span.end());
    }

    /** The room's command partition is too far behind to take more. */
    public static final class BacklogFull extends RuntimeException {

        BacklogFull(String room) {
            super("the message backlog of room " + room + "'s partition is full", null, false, false);
        }
    }
}
