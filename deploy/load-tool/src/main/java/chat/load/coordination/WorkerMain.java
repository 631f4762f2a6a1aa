package chat.load.coordination;

import chat.load.accounts.RunAccounts;
import chat.load.config.LoadOptions;
import chat.load.config.Mode;
import chat.load.stats.WorkerResult;
import chat.load.workload.Slice;
import chat.load.workload.Worker;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** The main loop of a worker process: the other end of {@link ChildProcessWorker}'s line protocol. */
public final class WorkerMain {

    private WorkerMain() {
    }

    public static void run(LoadOptions options) throws Exception {
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (Worker worker = new Worker(options, Slice.of(options.workerIndex, options.workerCount, options.rooms,
                options.clientsPerRoom))) {
            worker.connect(RunAccounts.of(options)::tokenOf);
            System.out.println(ChildProcessWorker.READY + " " + new ObjectMapper().writeValueAsString(
                    java.util.Map.of("opened", worker.opened(), "failures", worker.connectFailures())));
            String go = await(commands, "GO ");
            if (options.mode == Mode.CONNECT) {
                worker.hold(options.holdSeconds);
            } else {
                worker.sendAndDrain(Long.parseLong(go.substring(3).trim()));
            }
            System.out.println(ChildProcessWorker.DONE);
            await(commands, "CLOSE");
            WorkerResult result = worker.result();
            worker.closeAll();
            System.out.println(ChildProcessWorker.RESULT + new ObjectMapper().writeValueAsString(result));
            System.out.flush();
        }
    }

    private static String await(BufferedReader commands, String prefix) throws IOException {
        String line;
        while ((line = commands.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IOException("the coordinator went away before " + prefix.trim());
    }
}
