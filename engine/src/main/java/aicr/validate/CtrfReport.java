package aicr.validate;

import aicr.io.Struct;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A CTRF report (spec §5.8): one per phase, merged for output. Field order, omission rules
 * and the merge are the reference's. Times are kept but only written with {@code --timestamps},
 * so that reports are byte-for-byte reproducible by default.
 */
public final class CtrfReport {
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";
    public static final String PENDING = "pending";
    public static final String OTHER = "other";

    /**
     * One test. {@code extra} (CTRF's free-form test field) carries what aicr-j adds, e.g. the
     * rule that decided a constraint; null when there is nothing to add.
     */
    public record Test(String name, String status, long durationMs, List<String> suite, String message, Struct extra,
                       List<String> stdout) {
        public Test {
            stdout = stdout == null ? List.of() : List.copyOf(stdout);
        }

        public Test(String name, String status, long durationMs, List<String> suite, String message, Struct extra) {
            this(name, status, durationMs, suite, message, extra, List.of());
        }
    }

    private final String toolVersion;
    private final List<Test> tests;
    private final long startMs;
    private final long stopMs;
    private final Struct extra;

    CtrfReport(String toolVersion, List<Test> tests, long startMs, long stopMs) {
        this(toolVersion, tests, startMs, stopMs, null);
    }

    private CtrfReport(String toolVersion, List<Test> tests, long startMs, long stopMs, Struct extra) {
        this.toolVersion = toolVersion;
        this.tests = List.copyOf(tests);
        this.startMs = startMs;
        this.stopMs = stopMs;
        this.extra = extra;
    }

    /** The same report with {@code results.extra} (CTRF's free-form field; aicr-j puts the rule set there). */
    CtrfReport withExtra(Struct extra) {
        return new CtrfReport(toolVersion, tests, startMs, stopMs, extra);
    }

    /** {@code results.extra}, or null. */
    public Struct extra() {
        return extra;
    }

    public List<Test> tests() {
        return tests;
    }

    public int count(String status) {
        return (int) tests.stream().filter(t -> t.status().equals(status)).count();
    }

    /** Phase status from the summary: failed, else other, else skipped when empty, else passed. */
    public String phaseStatus() {
        if (count(FAILED) > 0) {
            return FAILED;
        }
        if (count(OTHER) > 0) {
            return OTHER;
        }
        return tests.isEmpty() ? SKIPPED : PASSED;
    }

    /** A phase report of live results, started at {@code startMs} and built now. */
    public static CtrfReport of(String version, List<Test> tests, long startMs, long stopMs) {
        return new CtrfReport(version, tests, startMs, stopMs);
    }

    /** A report whose tests are all skipped with {@code reason}. */
    public static CtrfReport skipped(String version, String phase, List<ValidatorCatalog.Entry> entries, String reason, long now) {
        List<Test> ts = new ArrayList<>();
        for (ValidatorCatalog.Entry e : entries) {
            ts.add(new Test(e.name(), SKIPPED, 0, List.of(phase), reason, null));
        }
        return new CtrfReport(version, ts, now, now);
    }

    /** Concatenates reports in run order; a single report is returned unchanged (as the reference does). */
    static CtrfReport merge(String version, List<CtrfReport> reports) {
        if (reports.size() == 1) {
            return reports.get(0);
        }
        List<Test> ts = new ArrayList<>();
        long start = 0;
        long stop = 0;
        for (CtrfReport r : reports) {
            ts.addAll(r.tests);
            if (start == 0 || r.startMs < start) {
                start = r.startMs;
            }
            stop = Math.max(stop, r.stopMs);
        }
        return new CtrfReport(version, ts, start, stop);
    }

    /** The document; {@code timestamps} adds {@code timestamp}, {@code start} and {@code stop}. */
    public Struct toStruct(boolean timestamps) {
        Struct doc = new Struct().with("reportFormat", "CTRF").with("specVersion", "0.0.1");
        if (timestamps) {
            doc.put("timestamp", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    Instant.ofEpochMilli(stopMs).atOffset(ZoneOffset.UTC).withNano(0)).replace("+00:00", "Z"));
        }
        doc.put("generatedBy", "aicr");
        Struct tool = new Struct().with("name", "aicr");
        if (!toolVersion.isEmpty()) {
            tool.put("version", toolVersion);
        }
        Struct summary = new Struct().with("tests", (long) tests.size()).with("passed", (long) count(PASSED))
                .with("failed", (long) count(FAILED)).with("skipped", (long) count(SKIPPED))
                .with("pending", (long) count(PENDING)).with("other", (long) count(OTHER));
        if (timestamps) {
            summary.with("start", startMs).with("stop", stopMs);
        }
        List<Object> ts = new ArrayList<>();
        for (Test t : tests) {
            Struct s = new Struct().with("name", t.name()).with("status", t.status()).with("duration", t.durationMs());
            if (!t.suite().isEmpty()) {
                s.put("suite", t.suite());
            }
            if (t.message() != null && !t.message().isEmpty()) {
                s.put("message", t.message());
            }
            if (!t.stdout().isEmpty()) {
                s.put("stdout", t.stdout());
            }
            if (t.extra() != null) {
                s.put("extra", t.extra());
            }
            ts.add(s);
        }
        Struct results = new Struct().with("tool", tool).with("summary", summary).with("tests", ts);
        if (extra != null) {
            results.put("extra", extra);
        }
        doc.put("results", results);
        return doc;
    }
}
