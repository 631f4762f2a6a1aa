package chat.load.stats;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * HdrHistogram helpers: latencies in microseconds, carried between processes in HdrHistogram's
 * compressed encoding (base64), merged by adding, summarised in milliseconds.
 */
public final class Histograms {

    private Histograms() {
    }

    public static Histogram empty() {
        Histogram h = new Histogram(3);
        h.setAutoResize(true);
        return h;
    }

    public static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    public static Histogram decode(String base64) {
        try {
            Histogram h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)),
                    0);
            h.setAutoResize(true);
            return h;
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("not an encoded histogram: " + e.getMessage(), e);
        }
    }

    /** count, p50, p90, p99, p99.9, max in milliseconds; null when nothing was recorded (the figure is absent). */
    public static Map<String, Object> summaryMillis(Histogram h) {
        if (h.getTotalCount() == 0) {
            return null;
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("count", h.getTotalCount());
        s.put("p50", ms(h.getValueAtPercentile(50)));
        s.put("p90", ms(h.getValueAtPercentile(90)));
        s.put("p99", ms(h.getValueAtPercentile(99)));
        s.put("p99_9", ms(h.getValueAtPercentile(99.9)));
        s.put("max", ms(h.getMaxValue()));
        s.put("mean", ms(Math.round(h.getMean())));
        return s;
    }

    private static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }
}
