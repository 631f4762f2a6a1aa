package chat.message.service;

import chat.events.RoomNames;
import chat.message.entity.Message;
import chat.message.entity.PrivateMessage;
import chat.message.entity.StoredMessage;
import chat.message.frames.ChatMessageFrame;
import chat.message.frames.MessageFrames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * Full-text search in one room's messages, newest first, with PostgreSQL's text search on the
 * indexed {@code search_vector} column ('simple' configuration: no language assumed).
 * {@code websearch_to_tsquery} accepts any text, so user input never makes a query fail.
 */
@ApplicationScoped
public class SearchService {

    private static final String SEARCH = """
            SELECT * FROM %s WHERE room = ?1 AND search_vector @@ websearch_to_tsquery('simple', ?2)
            ORDER BY seq DESC LIMIT ?3""";

    private final EntityManager em;

    public SearchService(EntityManager em) {
        this.em = em;
    }

    /** The room's messages matching the query, newest first, as {@code chat_message} frames. */
    @SuppressWarnings("unchecked")
    public List<ChatMessageFrame> search(String room, SearchQuery q) {
        boolean isPrivate = RoomNames.isPrivateLike(room);
        Class<? extends StoredMessage> type = isPrivate ? PrivateMessage.class : Message.class;
        List<StoredMessage> rows = em
                .createNativeQuery(SEARCH.formatted(isPrivate ? "private_message" : "message"), type)
                .setParameter(1, room).setParameter(2, q.text()).setParameter(3, q.limit()).getResultList();
        return rows.stream().map(MessageFrames::chatMessage).toList();
    }
}
