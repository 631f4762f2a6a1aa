package chat.gateway.stream;

import chat.events.Command;
import chat.events.MediaUpload;
import chat.events.PresenceCommand;
import chat.events.StreamCodec;
import chat.events.StreamNames;
import chat.gateway.config.GatewayConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Appends the gateway's commands to the services' streams, without blocking the event loop. */
@ApplicationScoped
public class CommandPublisher {

    /** Media entries are large: keep few of them, media-service deletes them once stored. */
    private static final long MEDIA_MAX_LENGTH = 1_000;

    private final ReactiveStreamCommands<String, String, String> streams;
    private final StreamNames names;
    private final XAddArgs trimmed;
    private final XAddArgs mediaTrimmed;

    public CommandPublisher(ReactiveRedisDataSource redis, GatewayConfig config) {
        this.streams = redis.stream(String.class);
        this.names = new StreamNames(config.streams().prefix());
        this.trimmed = new XAddArgs().maxlen(config.streams().maxLength()).nearlyExactTrimming();
        this.mediaTrimmed = new XAddArgs().maxlen(MEDIA_MAX_LENGTH).nearlyExactTrimming();
    }

    /** Routes a command to the stream of the service that owns it. */
    public Uni<String> publish(Command command) {
        if (command instanceof PresenceCommand) {
            return streams.xadd(names.presenceCommands(), trimmed, StreamCodec.encode(command));
        }
        if (command instanceof MediaUpload) {
            return streams.xadd(names.mediaCommands(), mediaTrimmed, StreamCodec.encode(command));
        }
        return streams.xadd(names.messageCommands(), trimmed, StreamCodec.encode(command));
    }
}
