package chat.events.redis;

import chat.events.MalformedEntryException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.concurrent.TimeoutException;

/**
 * What a failed stream entry tells the consumer to do.
 *
 * <ul>
 *   <li>{@link #PERMANENT}: the entry itself can never be handled (undecodable, or data the
 *       database refuses: SQLSTATE class 22 data exception, 23 integrity violation). It is
 *       dead-lettered at once and delays no other entry.</li>
 *   <li>{@link #TRANSIENT}: a dependency is away (connection refused or closed, timeouts, an
 *       exhausted pool, serialization failures and deadlocks). The consumer pauses as a whole and
 *       retries; the entry stays pending and is never dead-lettered for it.</li>
 *   <li>{@link #UNKNOWN}: anything else (a bug, most likely). Retried a few times, then
 *       dead-lettered, so that a bug neither stops the stream for good nor loses an entry silently.</li>
 * </ul>
 */
public enum FailureKind {

    PERMANENT, TRANSIENT, UNKNOWN;

    /** Classifies a failure by the most telling cause in its chain. */
    public static FailureKind of(Throwable failure) {
        FailureKind kind = UNKNOWN;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            FailureKind here = classifyOne(t);
            if (here == PERMANENT) {
                return PERMANENT; // a data error deep in the chain is the real reason, whatever wraps it
            }
            if (here == TRANSIENT) {
                kind = TRANSIENT;
            }
        }
        return kind;
    }

    private static FailureKind classifyOne(Throwable t) {
        if (t instanceof MalformedEntryException || t instanceof com.fasterxml.jackson.core.JsonProcessingException) {
            return PERMANENT;
        }
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state == null) {
                return TRANSIENT; // pool acquisition timeouts and driver-level I/O carry no state
            }
            if (state.startsWith("22") || state.startsWith("23")) {
                return PERMANENT;
            }
            if (state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57")
                    || state.startsWith("58") || sql instanceof SQLTransientException) {
                return TRANSIENT; // connection, serialization/deadlock, resources, operator intervention, system
            }
            return UNKNOWN;
        }
        if (t instanceof IOException || t instanceof TimeoutException
                || t instanceof io.smallrye.mutiny.TimeoutException) {
            return TRANSIENT;
        }
        String type = t.getClass().getName();
        if (type.startsWith("io.vertx.redis") || type.startsWith("io.netty.channel")
                || type.startsWith("io.vertx.core.net")
                || type.equals("io.vertx.core.VertxException")
                || type.startsWith("org.hibernate.exception.JDBCConnection")
                || type.startsWith("jakarta.transaction") || type.startsWith("io.agroal")) {
            return TRANSIENT; // the Redis client, the network layer, the pool and the transaction manager
        }
        return UNKNOWN;
    }
}
