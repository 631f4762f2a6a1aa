package chat.events;

import org.jboss.logging.MDC;

/**
 * The identifiers a log line carries as fields (MDC; JSON fields in production logs): room, user
 * id, connection and message ids. Never payloads: no message text, tokens or media.
 */
public final class LogFields {

    public static final String ROOM = "room";
    public static final String USER_ID = "user_id";
    public static final String CONNECTION_ID = "connection_id";
    public static final String MESSAGE_ID = "message_id";
    public static final String CLIENT_ID = "client_id";

    private LogFields() {
    }

    /** The fields of one connection's callbacks. */
    public static void connection(String room, long userId, String connectionId) {
        MDC.put(ROOM, room);
        MDC.put(USER_ID, Long.toString(userId));
        MDC.put(CONNECTION_ID, connectionId);
    }

    /** The fields of one stream entry's handling (null values are left out). */
    public static void message(String room, long userId, Long messageId, String clientId) {
        put(ROOM, room);
        put(USER_ID, userId > 0 ? Long.toString(userId) : null);
        put(MESSAGE_ID, messageId == null ? null : messageId.toString());
        put(CLIENT_ID, clientId);
    }

    /** Removes every field set here (end of a unit of work on a shared thread). */
    public static void clear() {
        for (String key : new String[]{ROOM, USER_ID, CONNECTION_ID, MESSAGE_ID, CLIENT_ID}) {
            MDC.remove(key);
        }
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
