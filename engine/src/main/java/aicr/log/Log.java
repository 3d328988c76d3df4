package aicr.log;

import java.io.PrintStream;
import java.time.Instant;

/**
 * Human logs on stderr in the reference's shape, {@code [cli] message: k=v k=v}, or one JSON
 * object per line with {@code --log-json}. Never writes to stdout, where documents go.
 * The prefix comes from {@code AICR_LOG_PREFIX} (default {@code cli}). JSON lines carry
 * {@code module} and {@code version} after the message, as the reference's structured logger
 * does; numbers and booleans stay JSON numbers and booleans.
 */
public final class Log {
    private Log() {
    }

    public enum Level { DEBUG, INFO, WARN, ERROR }

    private static volatile Level threshold = Level.INFO;
    private static volatile boolean json;
    private static volatile PrintStream out = System.err;
    private static final String PREFIX = prefixFromEnv();
    private static final String MODULE = "aicr";

    private static String prefixFromEnv() {
        String p = System.getenv("AICR_LOG_PREFIX");
        return p == null || p.isBlank() ? "cli" : p.trim();
    }

    public static void configure(boolean debug, boolean jsonOutput) {
        threshold = debug ? Level.DEBUG : Level.INFO;
        json = jsonOutput;
    }

    /** Redirects log output (tests capture it). */
    public static void setOutput(PrintStream stream) {
        out = stream;
    }

    /** A line as is, on the log stream (an agent's own log output between markers). */
    public static void raw(String line) {
        out.println(line);
    }

    /**
     * Where logs go: for the few messages that are prose for a person, not log lines (the
     * signing disclosure), and for copying another process's log output (never stdout).
     */
    public static PrintStream stream() {
        return out;
    }

    public static boolean debugEnabled() {
        return threshold == Level.DEBUG;
    }

    public static void debug(String msg, Object... kv) {
        log(Level.DEBUG, msg, kv);
    }

    public static void info(String msg, Object... kv) {
        log(Level.INFO, msg, kv);
    }

    public static void warn(String msg, Object... kv) {
        log(Level.WARN, msg, kv);
    }

    public static void error(String msg, Object... kv) {
        log(Level.ERROR, msg, kv);
    }

    /**
     * A multi-line block on the log stream as it is (e.g. the difference {@code validate --golden}
     * found); with JSON logs, one object with the block as its {@code text}.
     */
    public static void block(String text) {
        if (json) {
            log(Level.ERROR, "output", "text", text);
        } else {
            out.print(text.endsWith("\n") ? text : text + "\n");
            out.flush();
        }
    }

    private static void log(Level level, String msg, Object... kv) {
        if (level.ordinal() < threshold.ordinal()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        if (json) {
            sb.append("{\"time\":\"").append(Instant.now()).append("\",\"level\":\"").append(level)
                    .append("\",\"msg\":").append(quote(msg))
                    .append(",\"module\":").append(quote(MODULE)).append(",\"version\":").append(quote(aicr.BuildInfo.VERSION));
            for (int i = 0; i + 1 < kv.length; i += 2) {
                sb.append(',').append(quote(String.valueOf(kv[i]))).append(':').append(jsonValue(kv[i + 1]));
            }
            sb.append('}');
        } else {
            sb.append('[').append(PREFIX).append("] ").append(oneLine(msg));
            for (int i = 0; i + 1 < kv.length; i += 2) {
                sb.append(i == 0 ? ": " : " ").append(oneLine(String.valueOf(kv[i]))).append('=')
                        .append(oneLine(String.valueOf(kv[i + 1])));
            }
        }
        out.println(sb);
    }

    /**
     * {@code s} with control characters escaped ({@code \n}, {@code \r}, {@code \t}, {@code \xNN},
     * {@code \u2028}), so that a log line or error message stays one line whatever a flag value,
     * path or document carried. Strings without control characters are returned as they are.
     */
    public static String oneLine(String s) {
        int i = 0;
        while (i < s.length() && !isControl(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isControl(c)) {
                sb.append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x100) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    /** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }

    private static String jsonValue(Object v) {
        if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short) {
            return v.toString();
        }
        if (v instanceof Double d && !d.isNaN() && !d.isInfinite()) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
        }
        return quote(String.valueOf(v));
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
