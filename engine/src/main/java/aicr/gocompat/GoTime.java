package aicr.gocompat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Go's rendering of {@link Timestamp}s in YAML and JSON output. */
public final class GoTime {

    private GoTime() {
    }

    /**
     * Go {@code time.Format(time.RFC3339Nano)}: {@code 2001-12-14T21:59:43.1-05:00}. The fraction
     * loses its trailing zeros (and disappears when zero); a zero offset prints {@code Z} whatever
     * the source said; other offsets print {@code ±hh:mm}. This is what yaml.v3 writes for a
     * timestamp and what encoding/json writes (quoted) for a time.Time.
     */
    public static String rfc3339(Timestamp t) {
        StringBuilder b = new StringBuilder(35);
        dateTime(b, t, 'T');
        int offset = t.offsetSeconds();
        if (offset == 0) {
            b.append('Z');
        } else {
            // Go prints whole minutes only (seconds of an odd offset are dropped).
            int minutes = offset / 60;
            b.append(minutes < 0 ? '-' : '+');
            minutes = Math.abs(minutes);
            pad(b, minutes / 60, 2);
            b.append(':');
            pad(b, minutes % 60, 2);
        }
        return b.toString();
    }

    /**
     * Go {@code time.Time.String()}: {@code 2006-01-02 15:04:05.999999999 -0700 MST}, the form a
     * timestamp reading takes in constraint comparisons. A zone written as {@code Z} (or absent)
     * is Go's UTC location; an explicit offset has no zone name, so Go repeats the offset.
     */
    public static String string(Timestamp t) {
        StringBuilder b = new StringBuilder(40);
        dateTime(b, t, ' ');
        int off = t.offsetSeconds();
        String offset = String.format("%c%02d%02d", off < 0 ? '-' : '+', Math.abs(off) / 3600, Math.abs(off) % 3600 / 60);
        b.append(' ').append(offset).append(' ').append(t.utc() ? "UTC" : offset);
        return b.toString();
    }

    /** The local date and time of {@code t} with its fraction (trailing zeros dropped). */
    private static void dateTime(StringBuilder b, Timestamp t, char sep) {
        LocalDateTime local = LocalDateTime.ofEpochSecond(
                t.epochSecond(), 0, ZoneOffset.ofTotalSeconds(0)).plusSeconds(t.offsetSeconds());
        int year = local.getYear();
        if (year < 0) {
            b.append('-');
        }
        pad(b, Math.abs(year), 4);
        b.append('-');
        pad(b, local.getMonthValue(), 2);
        b.append('-');
        pad(b, local.getDayOfMonth(), 2);
        b.append(sep);
        pad(b, local.getHour(), 2);
        b.append(':');
        pad(b, local.getMinute(), 2);
        b.append(':');
        pad(b, local.getSecond(), 2);
        if (t.nanos() != 0) {
            String frac = String.format("%09d", t.nanos());
            int end = frac.length();
            while (frac.charAt(end - 1) == '0') {
                end--;
            }
            b.append('.').append(frac, 0, end);
        }
    }

    /** Year of the local date-time of {@code t} (Go's time.Time.Year()). */
    public static int year(Timestamp t) {
        return LocalDateTime.ofEpochSecond(t.epochSecond(), 0, ZoneOffset.ofTotalSeconds(0))
                .plusSeconds(t.offsetSeconds()).getYear();
    }

    private static void pad(StringBuilder b, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        b.append(s);
    }
}
