package chat.media.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import org.apache.tika.Tika;

/**
 * Decides a media's type from its bytes alone (Apache Tika's magic detection, no file name,
 * no declared type), then keeps it only when it is on the allow-list of images and audio.
 * SVG, HTML and anything else that can carry script are never on it.
 */
@ApplicationScoped
public class MediaSniffer {

    private static final SniffedType WEBM = new SniffedType("audio/webm", MediaKind.AUDIO);
    private static final SniffedType OGG = new SniffedType("audio/ogg", MediaKind.AUDIO);
    private static final SniffedType MP4 = new SniffedType("audio/mp4", MediaKind.AUDIO);

    /** Tika's answer -> the type we serve. */
    private static final Map<String, SniffedType> ALLOWED = Map.ofEntries(
            Map.entry("image/png", new SniffedType("image/png", MediaKind.IMAGE)),
            Map.entry("image/jpeg", new SniffedType("image/jpeg", MediaKind.IMAGE)),
            Map.entry("image/gif", new SniffedType("image/gif", MediaKind.IMAGE)),
            Map.entry("image/webp", new SniffedType("image/webp", MediaKind.IMAGE)),
            Map.entry("audio/webm", WEBM),
            Map.entry("video/webm", WEBM),
            Map.entry("audio/ogg", OGG),
            Map.entry("audio/opus", OGG),
            Map.entry("audio/vorbis", OGG),
            Map.entry("audio/mpeg", new SniffedType("audio/mpeg", MediaKind.AUDIO)),
            Map.entry("audio/wav", new SniffedType("audio/wav", MediaKind.AUDIO)),
            Map.entry("audio/vnd.wave", new SniffedType("audio/wav", MediaKind.AUDIO)),
            Map.entry("audio/x-wav", new SniffedType("audio/wav", MediaKind.AUDIO)),
            Map.entry("audio/mp4", MP4),
            Map.entry("audio/x-m4a", MP4),
            Map.entry("video/mp4", MP4));

    private final Tika tika = new Tika();

    /** The allowed type of these bytes, or empty when they are not an allowed image or audio format. */
    public Optional<SniffedType> sniff(byte[] bytes) {
        String detected = tika.detect(bytes);
        SniffedType allowed = ALLOWED.get(detected);
        if (allowed != null) {
            return Optional.of(allowed);
        }
        return switch (detected) {
            case "application/x-matroska" -> ContainerHeaders.isWebm(bytes) ? Optional.of(WEBM) : Optional.empty();
            case "application/ogg" -> ContainerHeaders.isOggAudio(bytes) ? Optional.of(OGG) : Optional.empty();
            case "video/quicktime" -> ContainerHeaders.isIsoMedia(bytes) ? Optional.of(MP4) : Optional.empty();
            default -> Optional.empty();
        };
    }
}
