package chat.presence.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** This instance's name ({@code chat.instance-id}, else random): its consumer name and lock owner. */
@ApplicationScoped
public class InstanceId {

    private final String value;

    public InstanceId(@ConfigProperty(name = "chat.instance-id") Optional<String> configured) {
        this.value = configured.filter(s -> !s.isBlank())
                .orElseGet(() -> "presence-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public String value() {
        return value;
    }
}
