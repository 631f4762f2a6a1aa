package chat.load.coordination;

import chat.load.accounts.RunAccounts;
import chat.load.config.LoadOptions;
import chat.load.config.Mode;
import chat.load.observe.CpuSampler;
import chat.load.observe.GatewayProbe;
import chat.load.report.RunReport;
import chat.load.report.Summary;
import chat.load.stats.WorkerResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a whole measurement: checks it fits the box, gets the accounts' tokens, starts the
 * workers (this JVM or {@code --processes} children), keeps their phases in step (all connected,
 * then one common start), reads CPU and the gateway's heap around the phases, merges the
 * workers' figures and reports them.
 */
public final class RunCoordinator {

    private final LoadOptions options;

    public RunCoordinator(LoadOptions options) {
        this.options = options;
    }

    public RunReport run() throws Exception {
        RunChecks.verify(options);
        Instant startedAt = Instant.now();
        RunAccounts accounts = RunAccounts.of(options);
        long connectEstimate = options.totalConnections() / 300 + 120; // seconds; tokens are renewed later if needed
        log("accounts: %,d users (%d senders per user), token cache %s", accounts.users(), accounts.sendersPerUser(),
                options.tokenCache);
        accounts.prepare(connectEstimate, options.loginConcurrency);
        log("accounts ready: %d logins, %d refreshes", accounts.logins(), accounts.refreshes());

        GatewayProbe gateway = new GatewayProbe(options.gateway, gatewayPid());
        Map<String, Long> watched = new LinkedHashMap<>();
        options.watched.forEach((name, ref) -> watched.put(name, CpuSampler.pidOf(name, ref)));
        List<WorkerHandle> workers = new ArrayList<>();
        CpuSampler cpu = new CpuSampler(watched, () -> workers.stream().map(WorkerHandle::pid).toList());
        Map<String, Object> gatewayFigures = new LinkedHashMap<>();
        boolean heap = options.mode == Mode.CONNECT && gateway.canMeasureHeap();
        if (heap) {
            gatewayFigures.put("heap_before_bytes", gateway.heapAfterGc());
        }
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            if (options.processes == 1) {
                workers.add(new InProcessWorker(options, accounts::tokenOf));
            } else {
                for (int i = 0; i < options.processes; i++) {
                    workers.add(new ChildProcessWorker(options, i));
                }
            }
            CpuSampler.Snapshot s0 = cpu.snapshot();
            all(pool, workers, w -> {
                w.connect();
                return null;
            });
            CpuSampler.Snapshot s1 = cpu.snapshot();
            long opened = workers.stream().mapToLong(WorkerHandle::opened).sum();
            if (opened == 0) {
                throw new IllegalStateException("no connection opened; failures: " + workers.stream()
                        .map(WorkerHandle::failures).toList());
            }
            long start = System.currentTimeMillis() + 300;
            all(pool, workers, w -> {
                w.run(start);
                return null;
            });
            CpuSampler.Snapshot s2 = cpu.snapshot();
            if (heap) {
                long after = gateway.heapAfterGc();
                gatewayFigures.put("heap_with_connections_bytes", after);
            }
            List<WorkerResult> parts = all(pool, workers, WorkerHandle::finish);
            WorkerResult merged = WorkerResult.merge(parts);
            if (options.mode == Mode.CONNECT) {
                gatewayFigures.put("ready_after_close_ms", gateway.millisUntilReady(60));
            }
            if (heap) {
                long before = (Long) gatewayFigures.get("heap_before_bytes");
                long with = (Long) gatewayFigures.get("heap_with_connections_bytes");
                gatewayFigures.put("heap_bytes_per_connection",
                        merged.connectionsOpened == 0 ? null : (with - before) / merged.connectionsOpened);
                gatewayFigures.put("heap_after_close_bytes", gateway.heapAfterGc());
            }
            RunReport report = new RunReport(options, merged, startedAt);
            report.putAccounts(accounts.users(), accounts.logins(), accounts.refreshes());
            report.putCpu("connect", CpuSampler.between(s0, s1));
            report.putCpu(options.mode == Mode.CONNECT ? "hold" : "measure", CpuSampler.between(s1, s2));
            gatewayFigures.forEach(report::putGateway);
            if (options.out != null) {
                report.write(options.out);
            }
            System.out.print(Summary.of(report.json()));
            return report;
        } finally {
            workers.forEach(WorkerHandle::close);
            pool.shutdownNow();
        }
    }

    private Long gatewayPid() throws java.io.IOException {
        if (options.gatewayPid != null) {
            return options.gatewayPid;
        }
        if (options.gatewayPidfile != null) {
            return Long.parseLong(Files.readString(Path.of(options.gatewayPidfile.toString())).trim());
        }
        return null;
    }

    /** One step of every worker at once; fails with the first worker's failure. */
    private static <T> List<T> all(ExecutorService pool, List<WorkerHandle> workers, Step<T> step) throws Exception {
        List<Future<T>> futures = new ArrayList<>();
        for (WorkerHandle w : workers) {
            futures.add(pool.submit((Callable<T>) () -> step.apply(w)));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            try {
                results.add(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof Exception x ? x : new IllegalStateException(e.getCause());
            }
        }
        return results;
    }

    /** A step of the run for one worker. */
    private interface Step<T> {

        T apply(WorkerHandle worker) throws Exception;
    }

    private static void log(String format, Object... args) {
        System.err.printf("%s%n", String.format(format, args));
    }
}
