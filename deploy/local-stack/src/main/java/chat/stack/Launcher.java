package chat.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The local launcher: {@code up [--second-gateway]}, {@code infra}, {@code status}, {@code down}.
 * Started by {@code deploy/chat}; every process it starts is recorded by pid under {@code .run/pids}.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws IOException {
        String command = args.length == 0 ? "up" : args[0];
        List<String> options = List.of(args).subList(Math.min(1, args.length), args.length);
        StackLayout layout = StackLayout.detect();
        Infrastructure infrastructure = new Infrastructure(layout, StackSettings.fromEnvironment());
        switch (command) {
            case "up" -> up(layout, infrastructure, options.contains("--second-gateway"));
            case "infra" -> {
                InfraEndpoints infra = infrastructure.start();
                System.out.println("PostgreSQL " + infra.jdbcUrl("<db>") + ", Redis " + infra.redisUrl()
                        + ", Keycloak " + infra.realmUrl());
            }
            case "status" -> status(layout);
            case "down" -> down(layout, infrastructure);
            default -> {
                System.err.println("usage: chat up [--second-gateway] | infra | status | down");
                System.exit(2);
            }
        }
    }

    private static void up(StackLayout layout, Infrastructure infrastructure, boolean secondGateway) {
        long started = System.nanoTime();
        InfraEndpoints infra = infrastructure.start();
        ServiceSet services = ServiceSet.development(infra, secondGateway);
        services.start(layout);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        System.out.printf("""

                Chat engine is up (%d s).

                  Open        %s/
                  Log in as   alice, bob or carol, password chat-dev-password
                  WebSocket   ws://127.0.0.1:8080/ws/chat/{room}/  (Bearer token or browser session)
                  Keycloak    %s  (admin console: admin / admin)
                %s  Logs        %s
                  Stop        deploy/chat down
                %n""", seconds, services.gatewayUrl(), infra.keycloakUrl(),
                secondGateway ? "  Gateway 2   " + services.secondGatewayUrl() + "/\n" : "",
                layout.logDir());
    }

    private static void status(StackLayout layout) throws IOException {
        try (Stream<Path> pids = Files.list(layout.pidDir())) {
            for (Path p : pids.sorted().toList()) {
                String name = p.getFileName().toString().replace(".pid", "");
                System.out.printf("%-24s %s%n", name,
                        Processes.recorded(layout, name).map(h -> "running, pid " + h.pid()).orElse("not running"));
            }
        }
    }

    private static void down(StackLayout layout, Infrastructure infrastructure) throws IOException {
        try (Stream<Path> pids = Files.list(layout.pidDir())) {
            for (Path p : pids.sorted().toList()) {
                String name = p.getFileName().toString().replace(".pid", "");
                if (name.startsWith("svc-") && Processes.stop(layout, name)) {
                    System.out.println("stopped " + name);
                }
            }
        }
        infrastructure.stop();
        System.out.println("stopped what the launcher started (logs stay in " + layout.logDir() + ")");
    }
}
