package chat.media.service;

import chat.events.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.audio.exceptions.CannotReadVideoException;

/**
 * Reads a voice message far enough to know it is audio and how long it lasts: WAV with the
 * JDK's sound API, MP3 and MP4/AAC with jaudiotagger, Ogg Opus/Vorbis with vorbis-java, WebM by
 * its EBML elements. A container that also holds video is refused: voice messages are audio only.
 */
@ApplicationScoped
public class AudioInspector {

    static {
        Logger.getLogger("org.jaudiotagger").setLevel(Level.SEVERE); // it logs every odd tag at INFO
    }

    /**
     * @return the duration in milliseconds, or null when the container does not tell it
     * @throws MediaRejected {@code unsupported_media} when the file is not readable audio, or has video
     */
    public Long durationMs(Path file, SniffedType type) {
        try {
            return switch (type.contentType()) {
                case "audio/wav" -> wav(file);
                case "audio/mpeg" -> framesOrRefused(tagged(file, "mp3"));
                case "audio/mp4" -> lengthOrNull(tagged(file, "m4a"));
                case "audio/ogg" -> ogg(file);
                case "audio/webm" -> webm(file);
                default -> throw refused("not an allowed audio format");
            };
        } catch (CannotReadVideoException e) {
            throw refused("a voice message must be audio only; this file has video");
        } catch (MediaRejected e) {
            throw e;
        } catch (Exception e) { // the libraries' own checked exceptions: all mean "not readable audio"
            throw refused("the audio is truncated or corrupt");
        }
    }

    private static Long wav(Path file) throws IOException, UnsupportedAudioFileException {
        AudioFileFormat format = AudioSystem.getAudioFileFormat(file.toFile());
        float rate = format.getFormat().getFrameRate();
        if (format.getFrameLength() <= 0 || rate <= 0) {
            throw refused("the WAV file holds no samples");
        }
        return Math.round(format.getFrameLength() * 1000.0 / rate);
    }

    /** The length in milliseconds as jaudiotagger reads it (0 when the header does not tell it). */
    private static long tagged(Path file, String extension) throws Exception {
        AudioFile audio = AudioFileIO.readAs(file.toFile(), extension);
        return Math.round(audio.getAudioHeader().getPreciseTrackLength() * 1000);
    }

    /** MP3: a file without frames is no voice message. */
    private static Long framesOrRefused(long ms) {
        if (ms <= 0) {
            throw refused("the audio holds no frames");
        }
        return ms;
    }

    /** MP4 recorded in fragments (as browsers do) may leave the movie's duration at 0: then it is unknown. */
    private static Long lengthOrNull(long ms) {
        return ms > 0 ? ms : null;
    }

    private static Long ogg(Path file) throws IOException {
        OggTracks tracks = OggTracks.read(file);
        if (tracks.otherKinds() > 0) {
            throw refused("a voice message must be audio only; this file has other streams");
        }
        if (!tracks.audio()) {
            throw refused("no Opus or Vorbis stream");
        }
        return tracks.durationMs();
    }

    private static Long webm(Path file) throws IOException {
        WebmTracks tracks = WebmTracks.read(file);
        if (tracks.videoTracks() > 0) {
            throw refused("a voice message must be audio only; this file has video");
        }
        if (tracks.audioTracks() == 0) {
            throw refused("no audio track");
        }
        return tracks.durationMs();
    }

    private static MediaRejected refused(String reason) {
        return new MediaRejected(ErrorCode.UNSUPPORTED_MEDIA, reason);
    }
}
