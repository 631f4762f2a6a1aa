package chat.load.coordination;

import chat.load.config.LoadOptions;
import chat.load.config.Mode;
import chat.load.stats.WorkerResult;
import chat.load.workload.Slice;
import chat.load.workload.Worker;
import java.util.function.IntFunction;

/** A run's only worker, in the coordinator's own JVM. */
final class InProcessWorker implements WorkerHandle {

    private final LoadOptions options;
    private final Worker worker;
    private final IntFunction<String> tokens;

    InProcessWorker(LoadOptions options, IntFunction<String> tokens) {
        this.options = options;
        this.tokens = tokens;
        this.worker = new Worker(options, Slice.of(0, 1, options.rooms, options.clientsPerRoom));
    }

    @Override
    public void connect() throws InterruptedException {
        worker.connect(tokens);
    }

    @Override
    public long opened() {
        return worker.opened();
    }

    @Override
    public java.util.Map<String, Long> failures() {
        return worker.connectFailures();
    }

    @Override
    public void run(long startEpochMillis) throws InterruptedException {
        if (options.mode == Mode.CONNECT) {
            worker.hold(options.holdSeconds);
        } else {
            worker.sendAndDrain(startEpochMillis);
        }
    }

    @Override
    public WorkerResult finish() throws InterruptedException {
        WorkerResult result = worker.result();
        worker.closeAll();
        return result;
    }

    @Override
    public long pid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public void close() {
        worker.close();
    }
}
