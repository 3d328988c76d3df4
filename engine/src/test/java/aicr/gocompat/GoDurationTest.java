package aicr.gocompat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import aicr.errors.AicrException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
    @Test
    void parsesGoDurations() {
        assertEquals(Duration.ofMinutes(5), GoDuration.parse("5m"));
        assertEquals(Duration.ofMinutes(90), GoDuration.parse("1h30m"));
        assertEquals(Duration.ofMillis(1500), GoDuration.parse("1.5s"));
        assertEquals(Duration.ofMillis(300), GoDuration.parse("300ms"));
        assertEquals(Duration.ZERO, GoDuration.parse("0"));
        assertEquals(Duration.ofSeconds(-2), GoDuration.parse("-2s"));
        assertEquals("[INVALID_REQUEST] time: missing unit in duration \"5\"",
                assertThrows(AicrException.class, () -> GoDuration.parse("5")).render());
        assertEquals("[INVALID_REQUEST] time: unknown unit \"d\" in duration \"5d\"",
                assertThrows(AicrException.class, () -> GoDuration.parse("5d")).render());
        assertThrows(AicrException.class, () -> GoDuration.parse(""));
        assertThrows(AicrException.class, () -> GoDuration.parse("m"));
    }

    @Test
    void formatsLikeGo() {
        assertEquals("5m0s", GoDuration.format(Duration.ofMinutes(5)));
        assertEquals("1h0m0s", GoDuration.format(Duration.ofHours(1)));
        assertEquals("2m30s", GoDuration.format(Duration.ofSeconds(150)));
        assertEquals("1.5s", GoDuration.format(Duration.ofMillis(1500)));
        assertEquals("300ms", GoDuration.format(Duration.ofMillis(300)));
        assertEquals("0s", GoDuration.format(Duration.ZERO));
        assertEquals("17.016912ms", GoDuration.format(Duration.ofNanos(17_016_912)));
        assertEquals("850µs", GoDuration.format(Duration.ofNanos(850_000)));
        assertEquals("999ns", GoDuration.format(Duration.ofNanos(999)));
        assertEquals("1h2m3.5s", GoDuration.format(Duration.ofMillis(3_723_500)));
    }
}
