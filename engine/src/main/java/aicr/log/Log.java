package aicr.log;

import java.io.PrintStream;
import java.time.Instant;

/**
 * Human logs on stderr in the reference's shape, {@code [cli] message: k=v k=v}, or one JSON
 * object per line with {@code --log-json}. Never writes to stdout, where documents go.
 * The prefix comes from {@code AICR_LOG_PREFIX} (default {@code cli}).
 */
public final class Log {
    private Log() {
    }

    public enum Level { DEBUG, INFO, WARN, ERROR }

    private static volatile Level threshold = Level.INFO;
    private static volatile boolean json;
    private static volatile PrintStream out = System.err;
    private static final String PREFIX = prefixFromEnv();

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

    /** The log stream itself, for copying another process's log output (never stdout). */
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

    private static void log(Level level, String msg, Object... kv) {
        if (level.ordinal() < threshold.ordinal()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        if (json) {
            sb.append("{\"time\":\"").append(Instant.now()).append("\",\"level\":\"").append(level)
                    .append("\",\"msg\":").append(quote(msg));
            for (int i = 0; i + 1 < kv.length; i += 2) {
                sb.append(',').append(quote(String.valueOf(kv[i]))).append(':').append(quote(String.valueOf(kv[i + 1])));
            }
            sb.append('}');
        } else {
            sb.append('[').append(PREFIX).append("] ").append(msg);
            for (int i = 0; i + 1 < kv.length; i += 2) {
                sb.append(i == 0 ? ": " : " ").append(kv[i]).append('=').append(kv[i + 1]);
            }
        }
        out.println(sb);
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
