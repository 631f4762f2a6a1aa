package chat.gateway.stream;

import chat.events.Command;
import chat.events.MarkRead;
import chat.events.MediaUpload;
import chat.events.PresenceCommand;
import chat.events.SendMessage;
import chat.events.StreamCodec;
import chat.events.StreamNames;
import chat.events.config.StreamsConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Appends the gateway's commands to the services' streams, without blocking the event loop:
 * message commands to their room's partition (never trimmed here: refused by the
 * {@link BacklogGuard} instead once a partition is too far behind).
 */
@ApplicationScoped
public class CommandPublisher {

    /** Media entries are large: keep few of them, media-service deletes them once stored. */
    private static final long MEDIA_MAX_LENGTH = 1_000;
    /** Presence commands are re-sent by every heartbeat and rejoin, so the oldest may go if presence-service is away long. */
    private static final long PRESENCE_MAX_LENGTH = 100_000;

    private final ReactiveStreamCommands<String, String, String> streams;
    private final StreamNames names;
    private final int partitions;
    private final BacklogGuard backlog;
    private final XAddArgs untrimmed = new XAddArgs();
    private final XAddArgs presenceTrimmed = new XAddArgs().maxlen(PRESENCE_MAX_LENGTH).nearlyExactTrimming();
    private final XAddArgs mediaTrimmed = new XAddArgs().maxlen(MEDIA_MAX_LENGTH).nearlyExactTrimming();

    public CommandPublisher(ReactiveRedisDataSource redis, StreamsConfig config, BacklogGuard backlog) {
        this.streams = redis.stream(String.class);
        this.names = new StreamNames(config.prefix());
        this.partitions = config.messagePartitions();
        this.backlog = backlog;
    }

    /** Routes a command to the stream of the service that owns it. */
    public Uni<String> publish(Command command) {
        if (command instanceof PresenceCommand) {
            return streams.xadd(names.presenceCommands(), presenceTrimmed, StreamCodec.encode(command));
        }
        if (command instanceof MediaUpload) {
            return streams.xadd(names.mediaCommands(), mediaTrimmed, StreamCodec.encode(command));
        }
        String room = command instanceof SendMessage send ? send.room() : ((MarkRead) command).room();
        if (backlog.isFull(room)) {
            return Uni.createFrom().failure(new BacklogFull(room));
        }
        return streams.xadd(names.messageCommandsFor(room, partitions), untrimmed, StreamCodec.encode(command));
    }

    /** The room's command partition is too far behind to take more. */
    public static final class BacklogFull extends RuntimeException {
        BacklogFull(String room) {
            super("the message backlog of room " + room + "'s partition is full", null, false, false);
        }
    }
}
