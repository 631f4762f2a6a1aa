package chat.media.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.media.TestMedia;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Type decisions made on bytes alone: the allow-list, and what can carry script never passes. */
class MediaSnifferTest {

    private final MediaSniffer sniffer = new MediaSniffer();

    @Test
    void imagesAreRecognisedByTheirBytes() {
        assertEquals(Optional.of(new SniffedType("image/png", MediaKind.IMAGE)), sniffer.sniff(TestMedia.png()));
        assertEquals(Optional.of(new SniffedType("image/jpeg", MediaKind.IMAGE)), sniffer.sniff(TestMedia.jpeg()));
        assertEquals(Optional.of(new SniffedType("image/gif", MediaKind.IMAGE)), sniffer.sniff(TestMedia.gif()));
    }

    @Test
    void voiceRecordingContainersAreAudio() {
        assertEquals(Optional.of(new SniffedType("audio/wav", MediaKind.AUDIO)), sniffer.sniff(TestMedia.wav()));
        assertEquals(Optional.of(new SniffedType("audio/webm", MediaKind.AUDIO)),
                sniffer.sniff(TestMedia.webmHeader()));
        assertEquals(Optional.of(new SniffedType("audio/ogg", MediaKind.AUDIO)),
                sniffer.sniff(TestMedia.oggOpusHeader()));
        assertEquals(Optional.of(new SniffedType("audio/mp4", MediaKind.AUDIO)), sniffer.sniff(TestMedia.iso5Header()));
    }

    @Test
    void matroskaThatIsNotWebmIsRefused() {
        assertTrue(sniffer.sniff(TestMedia.matroskaHeader()).isEmpty());
    }

    @Test
    void scriptCarryingAndUnknownFormatsAreRefused() {
        assertTrue(sniffer.sniff(TestMedia.ascii("<html><body><script>alert(1)</script></body></html>")).isEmpty());
        assertTrue(sniffer.sniff(TestMedia.ascii("<!DOCTYPE html><p>hi")).isEmpty());
        assertTrue(sniffer.sniff(TestMedia.ascii(
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")).isEmpty());
        assertTrue(sniffer.sniff(TestMedia.ascii("just some text")).isEmpty());
        assertTrue(sniffer.sniff(new byte[0]).isEmpty());
        assertTrue(sniffer.sniff(TestMedia.noise(512)).isEmpty());
    }
}
