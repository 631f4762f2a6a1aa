package chat.media.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** This instance's name as a consumer-group member ({@code chat.instance-id}); random per process when not set. */
@ApplicationScoped
public class InstanceId {

    private final String value;

    public InstanceId(@ConfigProperty(name = "chat.instance-id") Optional<String> configured) {
        this.value = configured.filter(s -> !s.isBlank())
                .orElseGet(() -> "media-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public String value() {
        return value;
    }
}
