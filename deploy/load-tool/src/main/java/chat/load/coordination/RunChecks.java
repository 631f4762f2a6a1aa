package chat.load.coordination;

import chat.load.config.LoadOptions;
import chat.load.workload.Slice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses, before anything starts, a run this box cannot carry: more connections in one process
 * than its open-file limit allows, or more connections from one source address than there are
 * ephemeral ports; the message says what to add (--processes, --source-addresses).
 */
final class RunChecks {

    /** Files a process needs besides its sockets (jars, epoll, pipes, Keycloak and metrics calls). */
    static final int SPARE_FILES = 300;

    private RunChecks() {
    }

    static void verify(LoadOptions o) {
        long files = openFileLimit();
        int largest = 0;
        for (int w = 0; w < o.processes; w++) {
            largest = Math.max(largest, Slice.of(w, o.processes, o.rooms, o.clientsPerRoom).size());
        }
        if (files > 0 && largest + SPARE_FILES > files) {
            long perProcess = files - SPARE_FILES;
            throw new IllegalArgumentException(String.format(
                    "%,d connections in one process, but a process may hold %,d open files here (ulimit -n): "
                            + "use --processes %d or more",
                    largest, files,
                    (o.totalConnections() + perProcess - 1) / perProcess));
        }
        long ports = ephemeralPorts();
        int sources = Math.max(1, o.sourceAddresses.size());
        // every process binds its connections to the same source addresses: their ports add up per address
        long perSource = ((long) o.totalConnections() + sources - 1) / sources;
        if (ports > 0 && perSource > ports * 9 / 10) {
            throw new IllegalArgumentException(String.format(
                    "%,d connections from %s to one gateway, but there are %,d ephemeral ports per source address "
                            + "(/proc/sys/net/ipv4/ip_local_port_range): use --source-addresses 127.0.0.2-127.0.0.%d",
                    perSource, o.sourceAddresses.isEmpty() ? "one source address" : "each source address", ports,
                    Math.min(254, 1 + (int) Math.ceil(o.totalConnections() / (ports * 0.9 / 2)))));
        }
    }

    /** The soft limit of open files of this process ({@code Max open files} in /proc/self/limits), or -1. */
    static long openFileLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return "unlimited".equals(soft) ? -1 : Long.parseLong(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static long ephemeralPorts() {
        try {
            String[] range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            return Long.parseLong(range[1]) - Long.parseLong(range[0]) + 1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
