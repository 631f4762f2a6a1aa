package chat.message.stream;

import chat.events.Command;
import chat.events.MalformedEntryException;
import chat.events.MarkRead;
import chat.events.Origin;
import chat.events.RoomEvent;
import chat.events.RoomNames;
import chat.events.SendMessage;
import chat.events.StreamCodec;
import chat.events.redis.BatchHandler;
import chat.events.redis.StreamEntry;
import chat.events.ErrorCode;
import chat.events.tracing.StreamTrace;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import jakarta.inject.Inject;
import java.util.IdentityHashMap;
import java.util.Map;
import chat.events.ErrorFrame;
import chat.message.frames.MessageFrames;
import chat.message.service.CommandValidator;
import chat.message.service.MessageStore;
import chat.message.service.ReadReceipts;
import chat.message.service.StoreOutcome;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * Handles a batch of message commands: refuses invalid ones with an {@code error} to their
 * connection, stores the rest in one transaction, then publishes their {@code chat_message}
 * events (in seq order, each carrying its sender's ack) in one round trip; read receipts move read pointers and
 * announce {@code message_read}. Returns only once the work is durable and announced, so the
 * consumer's XACK comes after both. A redelivered command whose message is already stored
 * announces it again (its first announcement may have been lost in a crash); gateways drop
 * what they already delivered, by seq.
 */
@ApplicationScoped
public class MessageCommandHandler implements BatchHandler {

    private final CommandValidator validator;
    private final MessageStore store;
    private final ReadReceipts receipts;
    private final RoomEventPublisher events;
    @Inject
    Tracer tracer;

    public MessageCommandHandler(CommandValidator validator, MessageStore store, ReadReceipts receipts,
            RoomEventPublisher events) {
        this.validator = validator;
        this.store = store;
        this.receipts = receipts;
        this.events = events;
    }

    @Override
    public void handle(List<StreamEntry> entries) {
        List<RoomEvent> out = new ArrayList<>();
        List<SendMessage> sends = new ArrayList<>();
        Set<String> redelivered = new HashSet<>();
        List<MarkRead> reads = new ArrayList<>();
        Map<SendMessage, Span> traces = new IdentityHashMap<>(); // only entries that carry a trace context
        for (StreamEntry entry : entries) {
            Command command = decode(entry);
            if (command instanceof SendMessage send) {
                SendMessage keyed = withKey(send, entry);
                String traceparent = entry.fields().get(StreamTrace.FIELD);
                if (traceparent != null) { // continues the sender's trace: its storing and the events it causes
                    traces.put(keyed, StreamTrace.consuming(tracer, "store send_message", traceparent));
                }
                if (entry.redelivered()) {
                    redelivered.add(keyed.idempotencyKey());
                }
                Optional<ErrorFrame> refusal = validator.check(keyed);
                refusal.ifPresentOrElse(
                        error -> refuse(out, "send_message", keyed.room(), keyed.userId(), keyed.origin(),
                                error.forClient(keyed.clientId())),
                        () -> sends.add(keyed));
            } else if (command instanceof MarkRead read) {
                Optional<ErrorFrame> refusal = check(read);
                refusal.ifPresentOrElse(
                        error -> refuse(out, "mark_read", read.room(), read.userId(), read.origin(), error),
                        () -> reads.add(read));
            }
        }
        try {
            if (!sends.isEmpty()) {
                List<StoreOutcome> outcomes = store.store(sends, Instant.now().truncatedTo(ChronoUnit.MILLIS));
                announce(outcomes, redelivered, out, traces);
            }
            if (!reads.isEmpty()) {
                announce(reads, receipts.markAll(reads), out);
            }
            events.publish(out);
        } finally {
            traces.values().forEach(Span::end);
        }
    }

    /** A command that could not be stored (its data refused by the database): its sender still hears back. */
    @Override
    public void deadLettered(StreamEntry entry, String reason) {
        Command command;
        try {
            command = StreamCodec.decodeCommand(entry.fields());
        } catch (RuntimeException undecodable) {
            return; // no origin to answer; the gateway's bounded wait answers the sender
        }
        if (command instanceof SendMessage send && send.origin() != null) {
            events.publish(List.of(RoomEvent.toConnection(RoomEvent.ERROR, validRoomOrEmpty(send.room()),
                    MessageFrames.encode(MessageFrames.error(ErrorCode.BAD_FRAME, "this message could not be stored")
                            .forClient(send.clientId())),
                    send.origin())));
        }
    }

    private static String validRoomOrEmpty(String room) {
        return RoomNames.isValid(room) ? room : "";
    }

    private static Command decode(StreamEntry entry) {
        Command command = StreamCodec.decodeCommand(entry.fields());
        if (!(command instanceof SendMessage) && !(command instanceof MarkRead)) {
            throw new MalformedEntryException(
                    "entry " + entry.id() + ": " + command.type() + " is not a message command");
        }
        return command;
    }

    /** A command without an idempotency key is keyed by its stream entry, so a redelivery stays harmless. */
    private static SendMessage withKey(SendMessage c, StreamEntry entry) {
        if (c.idempotencyKey() != null && !c.idempotencyKey().isEmpty()) {
            return c;
        }
        return new SendMessage(c.room(), c.userId(), c.username(), c.clientId(), "entry-" + entry.id(), c.text(),
                c.imageUrl(), c.audioUrl(), c.origin(), c.imageThumbUrl(), c.audioDurationMs());
    }

    /**
     * A new message (or a redelivered one, whose first announcement may have been lost) is one
     * {@code chat_message} event that also carries its sender's ack: the sender's gateway writes the
     * ack after the message. A repeat of a stored message is not announced to the room again; its
     * sender gets an {@code ack} event of its own.
     */
    private static void announce(List<StoreOutcome> outcomes, Set<String> redelivered, List<RoomEvent> out,
            Map<SendMessage, Span> traces) {
        int stored = 0;
        for (StoreOutcome o : outcomes) {
            SendMessage c = o.command();
            Span trace = traces.get(c);
            String traceparent = trace == null ? null : StreamTrace.traceparent(trace);
            RoomEvent.Ack ack = c.origin() == null ? null : new RoomEvent.Ack(c.origin(), c.clientId(), o.message().id);
            if (!o.duplicate() || redelivered.contains(c.idempotencyKey())) {
                stored += o.duplicate() ? 0 : 1;
                out.add(RoomEvent.toRoom(RoomEvent.CHAT_MESSAGE, c.room(), o.message().seq,
                        MessageFrames.encode(MessageFrames.chatMessage(o.message())))
                        .withAck(ack).withTraceparent(traceparent));
            } else if (ack != null) {
                out.add(RoomEvent.toConnection(RoomEvent.ACK, c.room(), ack.frame(o.message().seq), c.origin())
                        .withTraceparent(traceparent));
            }
        }
        Log.debugf("stored %d messages, %d repeats acknowledged again", (Integer) stored,
                (Integer) (outcomes.size() - stored));
    }

    private static void announce(List<MarkRead> reads, List<ReadReceipts.Result> results,
            List<RoomEvent> out) {
        for (int i = 0; i < reads.size(); i++) {
            MarkRead r = reads.get(i);
            switch (results.get(i)) {
                case MOVED -> out.add(RoomEvent.toRoom(RoomEvent.MESSAGE_READ, r.room(), 0, MessageFrames.encode(
                        MessageFrames.messageRead(r.room(), r.messageId(), r.username(), r.userId()))));
                case UNKNOWN_MESSAGE -> refuse(out, "mark_read", r.room(), r.userId(), r.origin(),
                        MessageFrames.error(ErrorCode.BAD_FRAME, "no message " + r.messageId() + " in this room"));
                case UNCHANGED -> Log.debugf("read pointer of user %s in room %s already at or past %s",
                        Long.toString(r.userId()), r.room(), Long.toString(r.messageId()));
            }
        }
    }

    private static Optional<ErrorFrame> check(MarkRead r) {
        if (!RoomNames.isValid(r.room())) {
            return Optional.of(MessageFrames.error(ErrorCode.BAD_FRAME, "invalid room name"));
        }
        if (r.userId() <= 0 || r.username() == null || r.username().isBlank() || r.messageId() <= 0) {
            return Optional.of(MessageFrames.error(ErrorCode.BAD_FRAME, "missing reader or message_id"));
        }
        Optional<RoomNames.PrivatePair> pair = RoomNames.parsePrivate(r.room());
        if (pair.isPresent() && !pair.get().hasMember(r.userId())) {
            return Optional.of(MessageFrames.error(ErrorCode.FORBIDDEN, "not a member of this private room"));
        }
        return Optional.empty();
    }

    private static void refuse(List<RoomEvent> out, String kind, String room, long userId, Origin origin,
            ErrorFrame error) {
        boolean validRoom = RoomNames.isPublic(room) || RoomNames.parsePrivate(room).isPresent();
        Log.infof("refused %s of user %d in room %s: %s", kind, userId, validRoom ? room : "(invalid)", error.code());
        if (origin != null) {
            // a targeted event reaches its connection by the target alone; an invalid room name is not echoed
            out.add(RoomEvent.toConnection(RoomEvent.ERROR, validRoom ? room : "", MessageFrames.encode(error),
                    origin));
        }
    }
}
