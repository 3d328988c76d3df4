package aicr.validate;

import aicr.io.Struct;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one validator Job came to (spec §5.7): the container's exit code (−1 when it never
 * terminated normally), its termination message, how long it ran and the tail of its log.
 * The exit code decides the CTRF status: 0 passed, 1 failed, 2 skipped, anything else other.
 */
public record ValidatorResult(String name, String phase, int exitCode, String message, long durationMs,
                              List<String> stdout) {
    /** Log lines kept per validator (the last ones). */
    public static final int MAX_LINES = 1000;
    /** Bytes kept per log line; longer lines are cut and say how much was dropped. */
    public static final int MAX_LINE_BYTES = 512;
    static final String RESULT_PREFIX = "RESULT: ";

    public ValidatorResult {
        message = message == null ? "" : message;
        stdout = stdout == null ? List.of() : List.copyOf(stdout);
    }

    /** A result without a log (deploy failure, missing pod or container, waiting container). */
    public static ValidatorResult of(String name, String phase, int exitCode, String message) {
        return new ValidatorResult(name, phase, exitCode, message, 0, List.of());
    }

    public String status() {
        return switch (exitCode) {
            case 0 -> CtrfReport.PASSED;
            case 1 -> CtrfReport.FAILED;
            case 2 -> CtrfReport.SKIPPED;
            default -> CtrfReport.OTHER;
        };
    }

    /** The CTRF test: named for the validator, suite = its phase; {@code extra.exitCode} keeps the raw code. */
    public CtrfReport.Test toTest() {
        return new CtrfReport.Test(name, status(), durationMs, List.of(phase), message,
                new Struct().with("exitCode", (long) exitCode), stdout);
    }

    /** The summaries the validator printed as {@code RESULT: <text>} lines, prefix removed, empty ones dropped. */
    public List<String> summaries() {
        List<String> out = new ArrayList<>();
        for (String l : stdout) {
            if (l.startsWith(RESULT_PREFIX) && l.length() > RESULT_PREFIX.length()) {
                out.add(l.substring(RESULT_PREFIX.length()));
            }
        }
        return out;
    }

    /**
     * A container log as report lines: split on newlines (trailing ones trimmed), the last
     * {@link #MAX_LINES} kept, each longer than {@link #MAX_LINE_BYTES} bytes cut there (never
     * inside a UTF-8 sequence) with {@code ... [truncated N chars]}, N counting the bytes dropped.
     */
    public static List<String> logLines(String logs) {
        if (logs == null || logs.isEmpty()) {
            return List.of();
        }
        int end = logs.length();
        while (end > 0 && logs.charAt(end - 1) == '\n') {
            end--;
        }
        List<String> lines = Arrays.asList(logs.substring(0, end).split("\n", -1));
        if (lines.size() > MAX_LINES) {
            lines = lines.subList(lines.size() - MAX_LINES, lines.size());
        }
        List<String> out = new ArrayList<>(lines.size());
        for (String l : lines) {
            byte[] b = l.getBytes(StandardCharsets.UTF_8);
            if (b.length <= MAX_LINE_BYTES) {
                out.add(l);
                continue;
            }
            int cut = MAX_LINE_BYTES;
            while (cut > 0 && (b[cut] & 0xC0) == 0x80) {
                cut--; // back to the start of the sequence the limit falls into
            }
            out.add(new String(b, 0, cut, StandardCharsets.UTF_8) + "... [truncated " + (b.length - MAX_LINE_BYTES) + " chars]");
        }
        return out;
    }

    /**
     * The phase's result from its validators' results (spec §5.7 step 5): failed when any
     * failed, else other when any other, else skipped when there were none, else passed.
     */
    public static ClusterValidation.PhaseResult phase(String version, String phase, List<ValidatorResult> results,
                                                      long startMs, long stopMs, String duration) {
        List<CtrfReport.Test> tests = new ArrayList<>();
        results.forEach(r -> tests.add(r.toTest()));
        CtrfReport report = CtrfReport.of(version, tests, startMs, stopMs);
        return new ClusterValidation.PhaseResult(phase, report, report.phaseStatus(), duration);
    }
}
