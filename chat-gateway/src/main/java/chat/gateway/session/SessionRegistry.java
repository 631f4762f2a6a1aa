package chat.gateway.session;

import chat.events.Origin;
import chat.events.RoomEvent;
import chat.gateway.limits.InFlightLimit;
import chat.gateway.config.InstanceId;
import chat.gateway.client.MessageHistory;
import chat.gateway.client.StoredMessage;
import chat.gateway.config.GatewayConfig;
import chat.gateway.metrics.GatewayMetrics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
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
    private final FanOut fanOut = new FanOut();
    private final RoomInterest interest;
    @Inject
    GatewayMetrics metrics;

    public SessionRegistry(InstanceId instanceId, MessageHistory history, Vertx vertx, GatewayConfig config,
            RoomInterest interest) {
        this.interest = interest;
        this.instanceId = instanceId.value();
        this.history = history;
        this.vertx = vertx;
        this.gapTimeoutMillis = Math.max(1, config.gateway().gapTimeout().toMillis());
    }

    /**
     * Registers a connection: it gets every event of its room published once the returned Uni
     * completes (on the connection's event loop). The first connection of a room waits for the
     * room's partition to be read from its current end; the others do not wait.
     */
    public Uni<Void> join(ChatSession session) {
        byConnection.put(session.id(), session);
        CompletionStage<Void> reading;
        while (true) {
            LocalRoom room = rooms.computeIfAbsent(session.room(), this::open);
            room.add(session);
            if (rooms.get(session.room()) == room) {
                reading = room.reading();
                break;
            }
            room.remove(session); // raced with the removal of an empty room: join the new one
        }
        if (reading.toCompletableFuture().isDone()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(reading).emitOn(session.loop());
    }

    private LocalRoom open(String name) {
        LocalRoom room = new LocalRoom(name, this, fanOut);
        room.reading(interest.roomOpened(name));
        return room;
    }

    public void leave(ChatSession session) {
        if (byConnection.remove(session.id()) != null && session.droppedAsSlow()) {
            metrics.stalledReaderDropped();
        }
        LocalRoom room = rooms.get(session.room());
        if (room != null && room.remove(session) && rooms.remove(session.room(), room)) {
            if (!room.sessions().isEmpty() && rooms.putIfAbsent(session.room(), room) == null) {
                return; // someone joined meanwhile: the room stays open
            }
            interest.roomClosed(session.room());
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

    /**
     * Queues one fan-out event for the local connections it concerns; {@link #flush} hands what
     * was queued to the event loops. Answers to one connection take the same path, so that a
     * connection gets its frames in the order of the stream.
     */
    public void dispatch(RoomEvent event) {
        if (event.targeted()) {
            toConnections(event);
            return;
        }
        LocalRoom room = rooms.get(event.room());
        if (room != null) {
            if (RoomEvent.CHAT_MESSAGE.equals(event.type()) && event.seq() > 0) {
                room.onMessage(event.seq(), event.frame());
                metrics.delivered(event.frame());
            } else {
                room.broadcast(event.frame(), event.excludeUserId());
            }
            metrics.framesOut(event.type(), room.sessions().size());
        }
        // the sender's ack rides on its message; only its gateway encodes it, after the message is queued
        if (event.ack() != null && isHere(event.ack().to())) {
            answer(event.ack().to(), RoomEvent.ACK, event.ack().frame(event.seq()));
        }
    }

    private boolean isHere(Origin connection) {
        return instanceId.equals(connection.gatewayId());
    }

    /**
     * Queues a targeted event's frame for those of its connections that are open here; encoded once
     * for all of them (a run of joiners shares one {@code user_list}).
     */
    private void toConnections(RoomEvent event) {
        if (event.target() != null) {
            if (isHere(event.target())) {
                answer(event.target(), event.type(), event.frame());
            }
            return;
        }
        SharedFrame frame = null;
        int written = 0;
        for (Origin to : event.targets()) {
            ChatSession session = isHere(to) ? byConnection.get(to.connectionId()) : null;
            if (session != null) {
                if (frame == null) {
                    frame = SharedFrame.of(event.frame());
                }
                fanOut.add(session.loop(), new AnswerWrite(session, null, frame.retain()));
                written++;
            }
        }
        if (frame != null) {
            frame.release();
            metrics.framesOut(event.type(), written);
        }
    }

    /** Queues a frame for one connection of this gateway, if it is still open. */
    private void answer(Origin to, String type, String frame) {
        ChatSession session = byConnection.get(to.connectionId());
        if (session != null) {
            fanOut.add(session.loop(), new AnswerWrite(session, to.frameRef(), SharedFrame.of(frame)));
            metrics.framesOut(type, 1);
        }
    }

    /** Writes what {@link #dispatch} queued: one task per event loop. */
    public void flush() {
        fanOut.flush();
    }

    /** The answer to one connection's frame, unless that frame was already answered (it timed out meanwhile). */
    private record AnswerWrite(ChatSession session, String ref, SharedFrame frame) implements FanOut.LoopWrite {

        @Override
        public void write(List<ChatSession> touched) {
            InFlightLimit.Permit permit = ref == null ? null : session.takeAnswer(ref);
            if (ref == null || permit != null) {
                if (permit != null) {
                    permit.answered();
                }
                session.write(frame, touched);
            } else {
                Log.debugf("connection %s: late answer to %s dropped (already told unavailable)", session.id(), ref);
            }
        }

        @Override
        public void release() {
            frame.release();
        }
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
