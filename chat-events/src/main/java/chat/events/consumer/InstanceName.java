package chat.events.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This instance's name as a consumer-group member and lease owner: {@code chat.instance-id}
 * when set (stable across restarts, so a restarted instance reads its own pending entries
 * first), else the application name with a random suffix.
 */
@ApplicationScoped
public class InstanceName {

    private final String value;

    public InstanceName(@ConfigProperty(name = "chat.instance-id") Optional<String> configured,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "chat") String application) {
        this.value = configured.filter(s -> !s.isBlank())
                .orElseGet(() -> application + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public String value() {
        return value;
    }
}
