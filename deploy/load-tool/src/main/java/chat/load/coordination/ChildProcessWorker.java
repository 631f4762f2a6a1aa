package chat.load.coordination;

import chat.load.config.LoadOptions;
import chat.load.stats.WorkerResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A worker in a JVM of its own (one process may hold only so many open files): started with
 * the run's arguments plus its index, driven by lines on its stdin ({@code GO <epoch-ms>},
 * {@code CLOSE}), answering on its stdout ({@code READY}, {@code DONE}, {@code RESULT <json>});
 * its log goes to this process's stderr.
 */
final class ChildProcessWorker implements WorkerHandle {

    static final String READY = "READY";
    static final String DONE = "DONE";
    static final String RESULT = "RESULT ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int index;
    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private com.fasterxml.jackson.databind.JsonNode ready;

    ChildProcessWorker(LoadOptions options, int index) throws IOException {
        this.index = index;
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // the same JVM flags as this process (JIT, collector, heap: see the load-tool launcher)
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("chat.load.LoadTool");
        command.addAll(options.arguments);
        command.addAll(List.of("--worker-index", Integer.toString(index), "--worker-count",
                Integer.toString(options.processes),
                "--run-id", options.runId, "--room-prefix", options.roomPrefix));
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    @Override
    public void connect() throws IOException {
        ready = JSON.readTree(expect(READY).substring(READY.length()).trim());
    }

    @Override
    public long opened() {
        return ready.path("opened").asLong();
    }

    @Override
    public java.util.Map<String, Long> failures() {
        return JSON.convertValue(ready.path("failures"), new com.fasterxml.jackson.core.type.TypeReference<>() {
        });
    }

    @Override
    public void run(long startEpochMillis) throws IOException {
        tell("GO " + startEpochMillis);
        expect(DONE);
    }

    @Override
    public WorkerResult finish() throws IOException {
        tell("CLOSE");
        String line = expect(RESULT);
        return JSON.readValue(line.substring(RESULT.length()), WorkerResult.class);
    }

    @Override
    public long pid() {
        return process.pid();
    }

    private void tell(String line) throws IOException {
        in.write(line + "\n");
        in.flush();
    }

    private String expect(String prefix) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
            System.out.println("[worker " + index + "] " + line);
        }
        throw new IOException("worker " + index + " ended (exit " + exitValue() + ") before " + prefix.trim());
    }

    private String exitValue() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    @Override
    public void close() {
        try {
            in.close();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
        }
    }
}
