package aicr.gocompat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Go's {@code %v} rendering of decoded YAML/JSON values, which is how the reference turns
 * any non-scalar or unusual reading into a string (spec §1.3: {@code [a b]}, {@code map[x:1]},
 * {@code <nil>}, {@code 2026-07-01 00:00:00 +0000 UTC}). The template engine's {@code fmt}
 * (aicr.bundle.template) prints its own data model, which adds structs and interfaces.
 */
public final class GoValues {
    private GoValues() {
    }

    /** fmt's {@code %v} of a decoded value (null, scalars, timestamps, lists, maps). */
    public static String format(Object v) {
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
            sb.append(GoTime.string(t));
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
}
