package chat.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
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
        return messageService.messagesAfter(room, afterSeq, PAGE)
                .ifNoItem().after(CALL_TIMEOUT).fail()
                .map(MessageHistory::toStored);
    }

    /** Every message with seq above {@code afterSeq}, page by page, at most {@code max} of them. */
    public Uni<List<StoredMessage>> allAfter(String room, long afterSeq, int max) {
        List<StoredMessage> all = new ArrayList<>();
        return Multi.createBy().repeating()
                .uni(() -> after(room, all.isEmpty() ? afterSeq : all.get(all.size() - 1).seq()))
                .whilst(page -> page.size() == PAGE && all.size() + page.size() < max)
                .onItem().invoke(all::addAll)
                .collect().last()
                .map(last -> all.size() > max ? all.subList(0, max) : all);
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
