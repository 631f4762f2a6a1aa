package chat.media.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

/** Resolution of single HTTP byte ranges against a media of 100 bytes. */
class ByteRangeTest {

    private static ByteRange part(String header) {
        return assertInstanceOf(ByteRange.Part.class, ByteRange.resolve(header, 100)).range();
    }

    @Test
    void satisfiableRanges() {
        assertEquals(new ByteRange(0, 9), part("bytes=0-9"));
        assertEquals(new ByteRange(90, 99), part("bytes=90-"));
        assertEquals(new ByteRange(90, 99), part("bytes=-10"));
        assertEquals(new ByteRange(50, 99), part("bytes=50-500"));
        assertEquals(new ByteRange(0, 99), part("bytes=-500"));
        assertEquals("bytes 0-9/100", part("bytes=0-9").contentRange(100));
        assertEquals(10, part("bytes=0-9").length());
    }

    @Test
    void rangesOutsideTheMediaAreUnsatisfiable() {
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.resolve("bytes=100-", 100));
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.resolve("bytes=200-300", 100));
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.resolve("bytes=-0", 100));
    }

    @Test
    void absentMalformedOrMultipleRangesServeTheWhole() {
        assertInstanceOf(ByteRange.Whole.class, ByteRange.resolve(null, 100));
        assertInstanceOf(ByteRange.Whole.class, ByteRange.resolve("bytes=0-1,5-6", 100));
        assertInstanceOf(ByteRange.Whole.class, ByteRange.resolve("items=0-1", 100));
        assertInstanceOf(ByteRange.Whole.class, ByteRange.resolve("bytes=9-3", 100));
        assertInstanceOf(ByteRange.Whole.class, ByteRange.resolve("bytes=-", 100));
    }
}
