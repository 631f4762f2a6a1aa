package chat.load.coordination;

import chat.load.stats.WorkerResult;

/** One process's part of a run as the coordinator drives it: in this JVM or in a child process. */
interface WorkerHandle extends AutoCloseable {

    /** Opens the connections (and lets them settle); returns when they are. */
    void connect() throws Exception;

    /** Connections opened (after {@link #connect}). */
    long opened();

    /** Why connections failed to open, counted by reason (after {@link #connect}). */
    java.util.Map<String, Long> failures();

    /** Runs the phase after connecting: send and drain from {@code startEpochMillis}, or hold idle. */
    void run(long startEpochMillis) throws Exception;

    /** The figures, then every connection closed. */
    WorkerResult finish() throws Exception;

    /** The OS process that does the work (for its CPU). */
    long pid();

    @Override
    void close();
}
