package chat.load.workload;

/**
 * The connections one process of a run drives: global indices {@code from} (inclusive) to
 * {@code to} (exclusive). Whole rooms per process when there are at least as many rooms as
 * processes (each process then accounts its rooms alone), else an even cut of the connections.
 */
public record Slice(int from, int to) {

    public static Slice of(int worker, int workers, int rooms, int clientsPerRoom) {
        if (rooms >= workers) {
            return new Slice(rooms * worker / workers * clientsPerRoom,
                    rooms * (worker + 1) / workers * clientsPerRoom);
        }
        int total = rooms * clientsPerRoom;
        return new Slice((int) ((long) total * worker / workers), (int) ((long) total * (worker + 1) / workers));
    }

    public int size() {
        return to - from;
    }
}
