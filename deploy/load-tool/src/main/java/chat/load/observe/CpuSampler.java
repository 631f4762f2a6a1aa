package chat.load.observe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * CPU of watched processes from {@code /proc/<pid>/stat} (user + system ticks), of the load
 * tool's own processes, and of the whole machine from {@code /proc/stat}, between two snapshots:
 * in percent of one core (200% = both cores of a 2-core box), as the outside harness reports it.
 */
public final class CpuSampler {

    /** Linux USER_HZ: 100 on every mainstream kernel. */
    private static final double TICKS_PER_SECOND = 100;

    private final Map<String, Long> watched;
    private final Supplier<List<Long>> toolPids;

    /** A point in time: ticks of each watched process, of the tool's processes, and machine busy/total. */
    public record Snapshot(long nanos, Map<String, Long> ticks, long toolTicks, long machineBusy, long machineTotal) {
    }

    public CpuSampler(Map<String, Long> watched, Supplier<List<Long>> toolPids) {
        this.watched = watched;
        this.toolPids = toolPids;
    }

    /** Resolves {@code file:/path/to.pid} or {@code pid:123} (from --watch-pidfile / --watch-pid). */
    public static long pidOf(String name, String ref) {
        String value = ref.startsWith("file:") ? read(Path.of(ref.substring(5)), name).trim() : ref.substring(4);
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("watched process " + name + ": '" + value + "' is not a pid");
        }
    }

    public Snapshot snapshot() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        watched.forEach((name, pid) -> ticks.put(name, processTicks(pid)));
        long tool = 0;
        for (long pid : toolPids.get()) {
            tool += Math.max(0, processTicks(pid));
        }
        long busy = 0;
        long total = 0;
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            for (int i = 1; i < f.length && i <= 8; i++) {
                long v = Long.parseLong(f[i]);
                total += v;
                if (i != 4 && i != 5) { // idle, iowait
                    busy += v;
                }
            }
        } catch (IOException | RuntimeException e) {
            total = 0;
        }
        return new Snapshot(System.nanoTime(), ticks, tool, busy, total);
    }

    /** Percent of one core per watched process, for the tool, the machine and everything else, between two snapshots. */
    public static Map<String, Object> between(Snapshot a, Snapshot b) {
        double seconds = (b.nanos() - a.nanos()) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        if (seconds <= 0) {
            return out;
        }
        out.put("seconds", round(seconds));
        double known = 0;
        for (Map.Entry<String, Long> e : b.ticks().entrySet()) {
            Long before = a.ticks().get(e.getKey());
            if (before == null || before < 0 || e.getValue() < 0) {
                out.put(e.getKey(), null);
                continue;
            }
            double pct = (e.getValue() - before) / TICKS_PER_SECOND * 100 / seconds;
            known += pct;
            out.put(e.getKey(), round(pct));
        }
        double tool = (b.toolTicks() - a.toolTicks()) / TICKS_PER_SECOND * 100 / seconds;
        out.put("load-tool", round(tool));
        if (b.machineTotal() > a.machineTotal()) {
            double machine = (double) (b.machineBusy() - a.machineBusy()) / (b.machineTotal() - a.machineTotal())
                    * 100 * Runtime.getRuntime().availableProcessors();
            out.put("machine", round(machine));
            out.put("other", round(Math.max(0, machine - tool - known)));
        }
        return out;
    }

    /** utime + stime of a process, or -1 when it is gone. */
    static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String read(Path file, String name) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("watched process " + name + ": cannot read " + file);
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
