package chat.message.service;

import chat.events.RoomNames;
import chat.message.entity.Message;
import chat.message.entity.PrivateMessage;
import chat.message.entity.StoredMessage;
import chat.message.frames.ChatMessageFrame;
import chat.message.frames.MessageFrames;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reads a room's messages by seq, oldest first, as {@code chat_message} frames. */
@ApplicationScoped
public class HistoryService {

    /**
     * No bounds: the latest {@code limit}; after only: the first {@code limit} after it;
     * before only: the last {@code limit} before it; both: the first {@code limit} between.
     */
    public List<ChatMessageFrame> page(String room, HistoryQuery q) {
        List<? extends StoredMessage> rows;
        if (q.afterSeq() != null && q.beforeSeq() != null) {
            rows = find(room, "room = ?1 and seq > ?2 and seq < ?3", Sort.ascending("seq"), q.limit(),
                    room, q.afterSeq(), q.beforeSeq());
        } else if (q.afterSeq() != null) {
            rows = find(room, "room = ?1 and seq > ?2", Sort.ascending("seq"), q.limit(), room, q.afterSeq());
        } else if (q.beforeSeq() != null) {
            rows = reversed(
                    find(room, "room = ?1 and seq < ?2", Sort.descending("seq"), q.limit(), room, q.beforeSeq()));
        } else {
            rows = reversed(find(room, "room = ?1", Sort.descending("seq"), q.limit(), room));
        }
        return rows.stream().map(MessageFrames::chatMessage).toList();
    }

    private static List<? extends StoredMessage> find(String room, String where, Sort sort, int limit,
            Object... params) {
        PanacheQuery<? extends StoredMessage> query = RoomNames.isPrivateLike(room)
                ? PrivateMessage.<PrivateMessage>find(where, sort, params)
                : Message.<Message>find(where, sort, params);
        return query.page(0, limit).list();
    }

    private static List<StoredMessage> reversed(List<? extends StoredMessage> rows) {
        List<StoredMessage> copy = new ArrayList<>(rows);
        Collections.reverse(copy);
        return copy;
    }
}
