package chat.media.service;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gagravarr.ogg.OggFile;
import org.gagravarr.ogg.OggPacket;
import org.gagravarr.ogg.OggPacketReader;
import org.gagravarr.ogg.OggStreamIdentifier;
import org.gagravarr.opus.OpusInfo;
import org.gagravarr.vorbis.VorbisInfo;

/**
 * What an Ogg file holds, read page by page with vorbis-java: whether any stream is not audio,
 * and the duration of its Opus or Vorbis stream (the last granule position, in samples).
 *
 * @param audio      true when an Opus or Vorbis stream was found
 * @param otherKinds streams that are not audio (video, subtitles...)
 * @param durationMs the audio stream's duration, or null
 */
record OggTracks(boolean audio, int otherKinds, Long durationMs) {

    private static final int OPUS_RATE = 48_000; // Opus granules always count 48 kHz samples

    static OggTracks read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file)); OggFile ogg = new OggFile(in)) {
            OggPacketReader reader = ogg.getPacketReader();
            Integer audioStream = null; // serial numbers are any 32-bit value, negative too
            long rate = 0;
            long preSkip = 0;
            long lastGranule = -1;
            int others = 0;
            OggPacket packet;
            while ((packet = reader.getNextPacket()) != null) {
                if (packet.isBeginningOfStream()) {
                    OggStreamIdentifier.OggStreamType type = OggStreamIdentifier.identifyType(packet);
                    if (audioStream == null
                            && (type == OggStreamIdentifier.OPUS_AUDIO || type == OggStreamIdentifier.OPUS_AUDIO_ALT)) {
                        audioStream = packet.getSid();
                        rate = OPUS_RATE;
                        preSkip = new OpusInfo(packet).getPreSkip();
                    } else if (audioStream == null && type == OggStreamIdentifier.OGG_VORBIS) {
                        audioStream = packet.getSid();
                        rate = new VorbisInfo(packet).getSampleRate();
                    } else {
                        others++;
                    }
                } else if (audioStream != null && packet.getSid() == audioStream && packet.getGranulePosition() > 0) {
                    lastGranule = packet.getGranulePosition();
                }
            }
            Long ms = audioStream != null && lastGranule >= 0 && rate > 0
                    ? Math.max(0, lastGranule - preSkip) * 1000 / rate
                    : null;
            return new OggTracks(audioStream != null, others, ms);
        }
    }
}
