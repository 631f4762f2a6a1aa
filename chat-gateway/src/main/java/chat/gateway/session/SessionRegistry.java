package chat.gateway.session;

import chat.events.RoomEvent;
import chat.gateway.config.InstanceId;
import chat.gateway.client.MessageHistory;
import chat.gateway.client.StoredMessage;
import chat.gateway.config.GatewayConfig;
import chat.gateway.metrics.GatewayMetrics;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The connections of this gateway instance, by room and by id, and the routing of fan-out
 * events to them.
 */
@ApplicationScoped
public class SessionRegistry implements LocalRoom.GapFiller {

    private final Map<String, LocalRoom> rooms = new ConcurrentHashMap<>();
    private final Map<String, ChatSession> byConnection = new ConcurrentHashMap<>();
    private final String instanceId;
    private final MessageHistory history;
    private final Vertx vertx;
    private final long gapTimeoutMillis;
    @Inject
    GatewayMetrics metrics;

    public SessionRegistry(InstanceId instanceId, MessageHistory history, Vertx vertx, GatewayConfig config) {
        this.instanceId = instanceId.value();
        this.history = history;
        this.vertx = vertx;
        this.gapTimeoutMillis = Math.max(1, config.gateway().gapTimeout().toMillis());
    }

    /** Registers a connection: from now on it gets its room's events. */
    public void join(ChatSession session) {
        byConnection.put(session.id(), session);
        while (true) {
            LocalRoom room = rooms.computeIfAbsent(session.room(), name -> new LocalRoom(name, this));
            room.add(session);
            if (rooms.get(session.room()) == room) {
                return;
            }
            room.remove(session); // raced with the removal of an empty room: join the new one
        }
    }

    public void leave(ChatSession session) {
        if (byConnection.remove(session.id()) != null && session.droppedAsSlow()) {
            metrics.stalledReaderDropped();
        }
        LocalRoom room = rooms.get(session.room());
        if (room != null && room.remove(session)) {
            rooms.remove(session.room(), room);
            if (!room.sessions().isEmpty()) {
                rooms.putIfAbsent(session.room(), room); // someone joined meanwhile
            }
        }
    }

    public Optional<ChatSession> session(String connectionId) {
        return Optional.ofNullable(byConnection.get(connectionId));
    }

    public Collection<ChatSession> sessions() {
        return byConnection.values();
    }

    public int roomCount() {
        return rooms.size();
    }

    /** Delivers one fan-out event to the local connections it concerns. */
    public void dispatch(RoomEvent event) {
        if (event.target() != null) {
            if (instanceId.equals(event.target().gatewayId())) {
                ChatSession session = byConnection.get(event.target().connectionId());
                if (session != null) {
                    session.answer(event.target().frameRef(), event.frame());
                    metrics.framesOut(event.type(), 1);
                }
            }
            return;
        }
        LocalRoom room = rooms.get(event.room());
        if (room == null) {
            return;
        }
        if (RoomEvent.CHAT_MESSAGE.equals(event.type()) && event.seq() > 0) {
            room.onMessage(event.seq(), event.frame());
            metrics.delivered(event.frame());
        } else {
            room.broadcast(event.frame(), event.excludeUserId());
        }
        metrics.framesOut(event.type(), room.sessions().size());
    }

    @Override
    public void schedule(LocalRoom room, long afterSeq, Consumer<List<StoredMessage>> onFetched) {
        vertx.setTimer(gapTimeoutMillis, id -> {
            if (!room.hasGap()) {
                onFetched.accept(null); // closed on its own meanwhile; a new gap reschedules
                return;
            }
            Log.infof("room %s: seq gap after %d, fetching from history", room.name(), afterSeq);
            metrics.gapFill();
            history.after(room.name(), afterSeq).subscribe().with(onFetched, failure -> {
                Log.warnf("room %s: gap fill failed: %s", room.name(), failure.getMessage());
                vertx.setTimer(1000, retry -> onFetched.accept(null));
            });
        });
    }
}
