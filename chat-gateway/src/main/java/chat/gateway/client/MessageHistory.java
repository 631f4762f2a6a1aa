package chat.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Fetches stored messages from message-service: to fill a seq gap the gateway saw, and
 * to answer a client's {@code resume}.
 */
@ApplicationScoped
public class MessageHistory {

    private static final int PAGE = 200;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final MessageServiceApi messageService;

    public MessageHistory(@RestClient MessageServiceApi messageService) {
        this.messageService = messageService;
    }

    /** One page of messages with seq above {@code afterSeq}. */
    public Uni<List<StoredMessage>> after(String room, long afterSeq) {
        return after(room, afterSeq, PAGE);
    }

    /** Up to {@code limit} messages with seq above {@code afterSeq} (one page of a resume). */
    public Uni<List<StoredMessage>> after(String room, long afterSeq, int limit) {
        return messageService.messagesAfter(room, afterSeq, limit)
                .ifNoItem().after(CALL_TIMEOUT).fail()
                .map(MessageHistory::toStored);
    }

    private static List<StoredMessage> toStored(HistoryPage page) {
        List<StoredMessage> out = new ArrayList<>(page.messages() == null ? 0 : page.messages().size());
        if (page.messages() == null) {
            return out;
        }
        for (JsonNode message : page.messages()) {
            if (message instanceof ObjectNode object && !object.has("type")) {
                object.put("type", "chat_message");
            }
            out.add(new StoredMessage(message.path("seq").asLong(), message.toString()));
        }
        return out;
    }
}
