package chat.load.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Every option of a run, parsed and checked once: the workload, its timing, accounts, the
 * gateway's limits the tool must stay under, and how the run is spread over processes.
 */
public final class LoadOptions {

    public static final String USAGE = """
            usage: load-tool fanout|ingest|connect [options]
              topology   --rooms R --clients C (per room)   connect: --connections N (rooms of --clients, default 100)
              load       --senders S|all (per room; ingest: all) --rate X (msgs/s per sender) --payload-bytes 64
              timing     --warmup 3 --duration 20 --drain 10 --settle 3 (seconds; warm-up and drain are not measured)
                         connect: --hold 10 (idle seconds with every connection open)
              target     --gateway http://127.0.0.1:8080   --url-template ws://host:port/ws/chat/{room}/
                         --room-prefix P (default: a fresh one per run)
              accounts   --auth keycloak|none --keycloak http://127.0.0.1:8180 --user-prefix load
                         --token-cache FILE (default .run/load-tool/tokens-<prefix>.json) --login-concurrency 8
                         --no-acks (the server answers no ack: any WebSocket server speaking the seed frames)
              limits     --max-connections-per-user 50 --user-frames-per-second 40 --frames-per-second 20
                         (the gateway's chat.gateway.* limits: users are picked per connection to stay under them)
              scale      --source-addresses 127.0.0.2-127.0.0.20 --processes K --connect-concurrency 200
                         --connect-timeout 10
              gateway    --gateway-pid PID | --gateway-pidfile FILE (connect: heap per connection after a forced GC)
              output     --watch-pidfile name=FILE | --watch-pid name=PID (repeatable: CPU from /proc)
                         --out result.json --label TEXT
            """;

    private static final Set<String> FLAGS = Set.of("no-acks", "help");
    private static final Set<String> REPEATABLE = Set.of("watch-pidfile", "watch-pid");
    private static final Set<String> KNOWN = Set.of("mode", "rooms", "clients", "connections", "senders", "rate",
            "payload-bytes", "warmup", "duration", "drain", "settle", "hold", "gateway", "url-template", "room-prefix",
            "auth", "keycloak", "user-prefix", "token-cache", "login-concurrency", "no-acks",
            "max-connections-per-user",
            "user-frames-per-second", "frames-per-second", "source-addresses", "processes", "connect-concurrency",
            "connect-timeout", "gateway-pid", "gateway-pidfile", "watch-pidfile", "watch-pid", "out", "label",
            "worker-index", "worker-count", "run-id", "help");

    public final Mode mode;
    public final int rooms;
    public final int clientsPerRoom;
    public final int sendersPerRoom;
    public final double rate;
    public final int payloadBytes;
    public final double warmupSeconds;
    public final double durationSeconds;
    public final double drainSeconds;
    public final double settleSeconds;
    public final double holdSeconds;
    public final URI gateway;
    public final String urlTemplate;
    public final String roomPrefix;
    public final boolean keycloakAuth;
    public final URI keycloak;
    public final String userPrefix;
    public final Path tokenCache;
    public final int loginConcurrency;
    public final boolean expectAcks;
    public final int maxConnectionsPerUser;
    public final double userFramesPerSecond;
    public final double connectionFramesPerSecond;
    public final List<String> sourceAddresses;
    public final int processes;
    public final int connectConcurrency;
    public final double connectTimeoutSeconds;
    public final Long gatewayPid;
    public final Path gatewayPidfile;
    public final Map<String, String> watched;
    public final Path out;
    public final String label;
    public final int workerIndex;
    public final int workerCount;
    public final String runId;
    /** The arguments as given, for the worker processes. */
    public final List<String> arguments;

    private LoadOptions(Map<String, String> o, Map<String, List<String>> repeated, List<String> arguments) {
        this.arguments = List.copyOf(arguments);
        mode = Mode.parse(required(o, "mode"));
        clientsPerRoom = intIn(o, "clients", mode == Mode.CONNECT ? 100 : 10, 1, 100_000);
        if (mode == Mode.CONNECT && o.containsKey("connections")) {
            int connections = intIn(o, "connections", 0, 1, 1_000_000);
            rooms = (connections + clientsPerRoom - 1) / clientsPerRoom;
            if (rooms * clientsPerRoom != connections) {
                throw new IllegalArgumentException(
                        "--connections " + connections + " is not a multiple of --clients " + clientsPerRoom);
            }
        } else {
            rooms = intIn(o, "rooms", 1, 1, 100_000);
        }
        String senders = o.getOrDefault("senders", mode == Mode.INGEST ? "all" : mode == Mode.CONNECT ? "0" : "1");
        sendersPerRoom = "all".equals(senders) ? clientsPerRoom : parseInt("senders", senders);
        if (sendersPerRoom < 0 || sendersPerRoom > clientsPerRoom) {
            throw new IllegalArgumentException(
                    "--senders must be between 0 and --clients (" + clientsPerRoom + ") or 'all'");
        }
        if (mode == Mode.INGEST && sendersPerRoom != clientsPerRoom) {
            throw new IllegalArgumentException(
                    "ingest: every client sends (--senders all); use fanout for fewer senders");
        }
        if (mode == Mode.CONNECT && sendersPerRoom != 0) {
            throw new IllegalArgumentException("connect: connections stay idle (no --senders)");
        }
        rate = doubleIn(o, "rate", 1, 0.01, 1000);
        payloadBytes = intIn(o, "payload-bytes", 64, 1, 4000);
        warmupSeconds = doubleIn(o, "warmup", 3, 0, 600);
        durationSeconds = doubleIn(o, "duration", 20, 0.5, 3600);
        drainSeconds = doubleIn(o, "drain", 10, 0, 600);
        settleSeconds = doubleIn(o, "settle", 3, 0, 120);
        holdSeconds = doubleIn(o, "hold", 10, 0, 3600);
        gateway = URI.create(o.getOrDefault("gateway", "http://127.0.0.1:8080"));
        urlTemplate = o.getOrDefault("url-template",
                gateway.toString().replaceFirst("^http", "ws").replaceFirst("/$", "")
                        + "/ws/chat/{room}/");
        if (!urlTemplate.contains("{room}")) {
            throw new IllegalArgumentException("--url-template must contain {room}");
        }
        runId = o.getOrDefault("run-id", UUID.randomUUID().toString().substring(0, 6));
        roomPrefix = o.getOrDefault("room-prefix", "lt" + runId + "-");
        String auth = o.getOrDefault("auth", "keycloak");
        if (!auth.equals("keycloak") && !auth.equals("none")) {
            throw new IllegalArgumentException("--auth must be keycloak or none");
        }
        keycloakAuth = auth.equals("keycloak");
        keycloak = URI.create(o.getOrDefault("keycloak", "http://127.0.0.1:8180"));
        userPrefix = o.getOrDefault("user-prefix", "load");
        if (!userPrefix.matches("[a-z0-9][a-z0-9_.]{0,30}")) {
            throw new IllegalArgumentException("--user-prefix: lower-case letters, digits, '_' or '.', at most 31");
        }
        tokenCache = Path.of(o.getOrDefault("token-cache", ".run/load-tool/tokens-" + userPrefix + ".json"));
        loginConcurrency = intIn(o, "login-concurrency", 8, 1, 64);
        expectAcks = keycloakAuth && !o.containsKey("no-acks");
        maxConnectionsPerUser = intIn(o, "max-connections-per-user", 50, 1, 100_000);
        userFramesPerSecond = doubleIn(o, "user-frames-per-second", 40, 0.1, 1_000_000);
        connectionFramesPerSecond = doubleIn(o, "frames-per-second", 20, 0.1, 1_000_000);
        sourceAddresses = SourceAddresses.parse(o.get("source-addresses"));
        processes = intIn(o, "processes", 1, 1, 64);
        connectConcurrency = intIn(o, "connect-concurrency", 200, 1, 10_000);
        connectTimeoutSeconds = doubleIn(o, "connect-timeout", 10, 0.1, 120);
        gatewayPid = o.containsKey("gateway-pid") ? (long) intIn(o, "gateway-pid", 0, 1, Integer.MAX_VALUE) : null;
        gatewayPidfile = o.containsKey("gateway-pidfile") ? Path.of(o.get("gateway-pidfile")) : null;
        watched = new LinkedHashMap<>();
        for (String item : repeated.getOrDefault("watch-pidfile", List.of())) {
            watched.put(name(item), "file:" + item.substring(item.indexOf('=') + 1));
        }
        for (String item : repeated.getOrDefault("watch-pid", List.of())) {
            watched.put(name(item), "pid:" + item.substring(item.indexOf('=') + 1));
        }
        out = o.containsKey("out") ? Path.of(o.get("out")) : null;
        label = o.getOrDefault("label", "");
        workerIndex = intIn(o, "worker-index", 0, 0, 63);
        workerCount = intIn(o, "worker-count", 1, 1, 64);
    }

    /** Parses {@code [mode] --key value ...}; a first word without dashes is the mode. */
    public static LoadOptions parse(String... args) {
        Map<String, String> o = new HashMap<>();
        Map<String, List<String>> repeated = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (i == 0 && !arg.startsWith("--")) {
                o.put("mode", arg);
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String key = arg.substring(2);
            String value = null;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            }
            if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException("unknown option --" + key + "\n" + USAGE);
            }
            if (FLAGS.contains(key)) {
                o.put(key, "true");
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + key + " needs a value");
                }
                value = args[++i];
            }
            if (REPEATABLE.contains(key)) {
                if (!value.contains("=")) {
                    throw new IllegalArgumentException("--" + key + " takes name=value");
                }
                repeated.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            } else {
                o.put(key, value);
            }
        }
        if (o.containsKey("help")) {
            throw new IllegalArgumentException(USAGE);
        }
        return new LoadOptions(o, repeated, List.of(args));
    }

    public int totalConnections() {
        return rooms * clientsPerRoom;
    }

    public int totalSenders() {
        return rooms * sendersPerRoom;
    }

    /** Messages one sender sends in warm-up and measurement (bounds the per-sender bookkeeping). */
    public int messagesPerSender() {
        return (int) Math.ceil(rate * (warmupSeconds + durationSeconds)) + 2;
    }

    public String roomName(int room) {
        return roomPrefix + room;
    }

    public String url(int room) {
        return urlTemplate.replace("{room}", roomName(room));
    }

    private static String name(String item) {
        return item.substring(0, item.indexOf('='));
    }

    private static String required(Map<String, String> o, String key) {
        String value = o.get(key);
        if (value == null) {
            throw new IllegalArgumentException("which workload? fanout, ingest or connect\n" + USAGE);
        }
        return value;
    }

    private static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " needs a whole number, not '" + value + "'");
        }
    }

    private static int intIn(Map<String, String> o, String key, int fallback, int min, int max) {
        int value = o.containsKey(key) ? parseInt(key, o.get(key)) : fallback;
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + key + " must be between " + min + " and " + max);
        }
        return value;
    }

    private static double doubleIn(Map<String, String> o, String key, double fallback, double min, double max) {
        double value;
        try {
            value = o.containsKey(key) ? Double.parseDouble(o.get(key)) : fallback;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " needs a number, not '" + o.get(key) + "'");
        }
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException("--" + key + " must be between " + min + " and " + max);
        }
        return value;
    }
}
