package aicr.io;

import aicr.gocompat.GoFloat;
import aicr.gocompat.GoTime;
import aicr.gocompat.Timestamp;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes a value-model tree as JSON exactly like Go's encoding/json: {@link Struct} fields in
 * insertion order, other maps with keys in byte order, HTML-safe string escaping, Go float
 * formatting ({@link GoFloat#json}), timestamps as quoted RFC 3339 ({@link GoTime#rfc3339}).
 */
public final class JsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonWriter() {
    }

    /**
     * Serializes {@code value}.
     *
     * @param indent true: {@code json.Encoder} with {@code SetIndent("", "  ")} — two-space
     *               indentation, {@code "key": value}, empty containers kept as {@code []} /
     *               {@code {}}, and a trailing newline; false: compact, no trailing newline
     *               (callers add one where the reference does)
     * @throws IllegalArgumentException for NaN/±Inf ({@code json: unsupported value: NaN}),
     *                                  timestamps with a year outside 0..9999, values outside the
     *                                  value model and non-String map keys
     */
    public static String write(Object value, boolean indent) {
        StringBuilder b = new StringBuilder();
        new JsonWriter.Writer(b, indent).value(value, 0);
        if (indent) {
            b.append('\n');
        }
        return b.toString();
    }

    /**
     * Go's HTML-safe JSON string: {@code "} and {@code \} escaped; {@code \b \f \n \r \t} short
     * escapes (Go 1.22+); other control characters, {@code < > &}, U+2028 and U+2029 as
     * {@code \}{@code u00XX}; unpaired surrogates (invalid UTF-8 in Go) as {@code \}{@code ufffd};
     * everything else verbatim.
     */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        appendQuoted(b, s);
        return b.toString();
    }

    private static void appendQuoted(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(b, c);
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(b, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        b.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        b.append("\\ufffd");
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    private static void unicodeEscape(StringBuilder b, char c) {
        b.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
    }

    private record Writer(StringBuilder b, boolean indent) {

        void value(Object v, int depth) {
            if (v == null) {
                b.append("null");
            } else if (v instanceof String s) {
                appendQuoted(b, s);
            } else if (v instanceof Boolean bool) {
                b.append(bool ? "true" : "false");
            } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                    || v instanceof BigInteger) {
                b.append(v);
            } else if (v instanceof Double d) {
                b.append(GoFloat.json(d));
            } else if (v instanceof Timestamp t) {
                int year = GoTime.year(t);
                if (year < 0 || year > 9999) {
                    throw new IllegalArgumentException("json: error calling MarshalJSON for type time.Time: "
                            + "Time.MarshalJSON: year outside of range [0,9999]");
                }
                appendQuoted(b, GoTime.rfc3339(t));
            } else if (v instanceof Map<?, ?> m) {
                object(m, depth);
            } else if (v instanceof List<?> l) {
                array(l, depth);
            } else {
                throw new IllegalArgumentException("json: unsupported type: " + v.getClass().getName());
            }
        }

        @SuppressWarnings("unchecked")
        private void object(Map<?, ?> m, int depth) {
            if (m.isEmpty()) {
                b.append("{}");
                return;
            }
            for (Object k : m.keySet()) {
                if (!(k instanceof String)) {
                    throw new IllegalArgumentException("json: unsupported map key: " + k);
                }
            }
            Map<String, Object> sm = (Map<String, Object>) m;
            Iterable<Map.Entry<String, Object>> entries =
                    m instanceof Struct ? sm.entrySet() : KeyOrder.sorted(sm, KeyOrder.BYTES);
            b.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : entries) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                newline(depth + 1);
                appendQuoted(b, e.getKey());
                b.append(indent ? ": " : ":");
                value(e.getValue(), depth + 1);
            }
            newline(depth);
            b.append('}');
        }

        private void array(List<?> l, int depth) {
            if (l.isEmpty()) {
                b.append("[]");
                return;
            }
            b.append('[');
            boolean first = true;
            for (Object item : l) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                newline(depth + 1);
                value(item, depth + 1);
            }
            newline(depth);
            b.append(']');
        }

        private void newline(int depth) {
            if (indent) {
                b.append('\n');
                b.append("  ".repeat(depth));
            }
        }
    }
}
