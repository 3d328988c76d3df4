package aicr.rules;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.gocompat.GoDuration;
import java.time.Duration;

/**
 * Bounds of one rule session (docs/rules.md, "Session limits"). A session that goes over one
 * ends with a one-line error: {@code [TIMEOUT] ...} (exit 5) for the time limit, {@code
 * [INVALID_REQUEST] ...} (exit 2) for the others, because a rule set that inserts or fires
 * without end is a broken rule set.
 *
 * @param timeout        wall-clock time for inserting the facts and firing every rule
 * @param maxFirings     rule firings per session
 * @param maxInserts     facts the rules may insert per session
 * @param maxMatches     rule activations (matches) per session: a join that multiplies facts stops here
 * @param maxFiringBytes memory one rule firing may allocate
 */
public record Limits(Duration timeout, long maxFirings, long maxInserts, long maxMatches, long maxFiringBytes) {

    /** The default time limit, and what {@code --rule-timeout} overrides. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public static final Limits DEFAULT = new Limits(DEFAULT_TIMEOUT, 1_000_000, 1_000_000, 5_000_000,
            Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4));

    public Limits withTimeout(Duration t) {
        return t == null ? this : new Limits(t, maxFirings, maxInserts, maxMatches, maxFiringBytes);
    }

    /**
     * A time limit as written on the command line: Go's duration syntax ({@code 90s}, {@code 1m30s},
     * {@code 500ms}), between 1 ms and 24 h. Null or empty means the default.
     */
    public static Duration parseTimeout(String text, String flag) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        Duration d;
        try {
            d = GoDuration.parse(text);
        } catch (AicrException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid " + flag + " \"" + text
                    + "\": want a duration such as 30s, 2m or 1m30s");
        }
        if (d.compareTo(Duration.ofMillis(1)) < 0 || d.compareTo(Duration.ofHours(24)) > 0) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid " + flag + " \"" + text
                    + "\": must be between 1ms and 24h");
        }
        return d;
    }

    /** The limit as Go prints a duration ({@code 1m0s}, {@code 1.5s}, {@code 250ms}). */
    static String format(Duration d) {
        return GoDuration.format(d);
    }
}
