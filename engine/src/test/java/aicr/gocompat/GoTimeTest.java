package aicr.gocompat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class GoTimeTest {

    private static Timestamp ts(String rfc3339, boolean utc) {
        OffsetDateTime t = OffsetDateTime.parse(rfc3339);
        return new Timestamp(t.toEpochSecond(), t.getNano(), t.getOffset().getTotalSeconds(), utc);
    }

    @Test
    void dateOnlyIsMidnightUtc() {
        assertEquals("2001-12-14T00:00:00Z", GoTime.rfc3339(new Timestamp(1008288000L, 0, 0, true)));
    }

    @Test
    void offsetIsKeptAndFractionLosesTrailingZeros() {
        assertEquals("2001-12-14T21:59:43.1-05:00", GoTime.rfc3339(ts("2001-12-14T21:59:43.10-05:00", false)));
        assertEquals("2026-07-01T12:30:45+02:00", GoTime.rfc3339(ts("2026-07-01T12:30:45+02:00", false)));
        assertEquals("2026-07-01T01:02:03.25Z", GoTime.rfc3339(ts("2026-07-01T01:02:03.250Z", true)));
        assertEquals("2026-07-01T01:02:03.000000001Z", GoTime.rfc3339(ts("2026-07-01T01:02:03.000000001Z", true)));
    }

    @Test
    void zeroOffsetPrintsZ() {
        assertEquals("2026-07-01T00:00:00Z", GoTime.rfc3339(ts("2026-07-01T00:00:00+00:00", false)));
    }

    @Test
    void offsetWithSecondsPrintsWholeMinutes() {
        assertEquals("1900-01-01T00:00:00+00:19", GoTime.rfc3339(new Timestamp(-2208988800L - 1172, 0, 1172, false)));
    }

    @Test
    void yearsArePaddedToFourDigits() {
        assertEquals("0099-01-01T00:00:00Z", GoTime.rfc3339(ts("0099-01-01T00:00:00Z", true)));
        assertEquals(99, GoTime.year(ts("0099-01-01T00:00:00Z", true)));
    }
}
