package aicr.snapshot;

import aicr.io.GoFloat;
import aicr.io.Timestamp;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Go's {@code %v} rendering of decoded YAML/JSON values, which is how the reference turns
 * any non-scalar or unusual reading into a string (spec §1.3: {@code [a b]}, {@code map[x:1]},
 * {@code <nil>}, {@code 2026-07-01 00:00:00 +0000 UTC}).
 */
final class GoValues {
    private GoValues() {
    }

    static String format(Object v) {
        StringBuilder sb = new StringBuilder();
        append(sb, v);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("<nil>");
        } else if (v instanceof Double d) {
            sb.append(GoFloat.reading(d));
        } else if (v instanceof Timestamp t) {
            sb.append(time(t));
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                append(sb, l.get(i));
            }
            sb.append(']');
        } else if (v instanceof Map<?, ?> m) {
            // fmt prints maps with keys sorted
            sb.append("map[");
            boolean first = true;
            for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
                if (!first) {
                    sb.append(' ');
                }
                first = false;
                append(sb, e.getKey());
                sb.append(':');
                append(sb, e.getValue());
            }
            sb.append(']');
        } else {
            sb.append(v);
        }
    }

    /** Go's time.Time.String(): {@code 2006-01-02 15:04:05.999999999 -0700 MST}. */
    static String time(Timestamp t) {
        LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochSecond(t.epochSecond(), t.nanos()),
                ZoneOffset.ofTotalSeconds(t.offsetSeconds()));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%04d-%02d-%02d %02d:%02d:%02d", local.getYear(), local.getMonthValue(),
                local.getDayOfMonth(), local.getHour(), local.getMinute(), local.getSecond()));
        if (t.nanos() != 0) {
            String frac = String.format("%09d", t.nanos());
            int end = frac.length();
            while (frac.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(frac, 0, end);
        }
        int off = t.offsetSeconds();
        String offset = String.format("%c%02d%02d", off < 0 ? '-' : '+', Math.abs(off) / 3600, Math.abs(off) % 3600 / 60);
        sb.append(' ').append(offset).append(' ');
        // A zone written as Z (or absent) is Go's UTC location; an explicit offset has no
        // zone name, so Go repeats the offset.
        sb.append(t.utc() ? "UTC" : offset);
        return sb.toString();
    }

    /** A decoded scalar as a reading: ints, uint64, floats, bools and strings keep their type. */
    static Reading reading(Object v) {
        if (v instanceof Long || v instanceof BigInteger || v instanceof Double || v instanceof Boolean
                || v instanceof String) {
            return new Reading(v);
        }
        return new Reading(format(v));
    }
}
