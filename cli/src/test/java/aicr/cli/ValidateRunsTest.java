package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.io.JsonReader;
import aicr.io.Values;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays every {@code aicr validate} run of the reference's runs.tsv that needs no cluster
 * (plus the two unreachable-cluster runs, whose exit code this build also gives) and compares
 * exit code, stderr (run IDs and input directories normalised) and the report: the
 * reference's report must equal ours with aicr-j's additions removed (readiness tests, the
 * "extra" fields), and our full reports are approved files under golden/validate/.
 */
class ValidateRunsTest {
    static final Path GOLDEN = Path.of("..", "golden", "validate").toAbsolutePath().normalize();
    static final Path REF = GOLDEN.resolve("reference");

    /** runs.tsv ids this suite replays; the others are bundle, snapshot and evidence runs. */
    static final Set<String> CASES = Set.of("satisfies", "violates", "missing", "violates-nofail",
            "phase-deployment-stdout", "phase-order", "phase-all-combined", "phase-readiness", "nocluster-nosnapshot",
            "no-recipe", "html-escape", "validate-live-unreachable", "validate-agent-unreachable");

    /** Reference stderr lines aicr-j does not print (yet), by run (documented in docs/validate.md). */
    static final Map<String, Set<String>> MISSING_LINES = Map.of("html-escape", Set.of(
            "[cli] initializing external data provider: directory=catalog-overlay-html-escape",
            "[cli] layered data provider initialized: external_dir=catalog-overlay-html-escape external_files=2"));

    /**
     * Runs whose last stderr line (the cluster error) differs after the failing step: the
     * reference prints Go's transport error, aicr-j its own one-line cause.
     */
    static final Set<String> CLUSTER_RUNS = Set.of("validate-live-unreachable", "validate-agent-unreachable");

    @TempDir
    Path tmp;

    record Run(String id, int exit, List<String> args) {
    }

    static List<Run> runs() throws IOException {
        List<Run> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(REF.resolve("runs.tsv"));
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split("\t");
            if (!CASES.contains(f[0])) {
                continue;
            }
            List<String> args = new ArrayList<>();
            for (String a : f[2].split(" ")) {
                if (a.startsWith("KUBECONFIG=")) {
                    continue;
                }
                args.add(a);
            }
            int redirect = args.indexOf(">");
            if (redirect >= 0) {
                args = new ArrayList<>(args.subList(0, redirect));
            }
            assertEquals("aicr", args.get(0));
            out.add(new Run(f[0], Integer.parseInt(f[1]), args.subList(1, args.size())));
        }
        return out;
    }

    @Test
    void allCasesPresent() throws IOException {
        assertEquals(CASES.size(), runs().size());
    }

    @TestFactory
    Stream<DynamicTest> referenceRuns() throws IOException {
        return runs().stream().map(run -> DynamicTest.dynamicTest(run.id(), () -> replay(run)));
    }

    private void replay(Run run) throws IOException {
        List<String> args = new ArrayList<>();
        Path report = null;
        for (int i = 0; i < run.args().size(); i++) {
            String a = run.args().get(i);
            boolean inputFlag = i > 0 && Set.of("--recipe", "--snapshot", "--data").contains(run.args().get(i - 1));
            if (i > 0 && run.args().get(i - 1).equals("-o") && !a.equals("/dev/null")) {
                report = tmp.resolve(a);
                args.add(report.toString());
            } else {
                args.add(inputFlag ? REF.resolve(a).toString() : a);
            }
        }
        if (CLUSTER_RUNS.contains(run.id())) {
            // the reference ran these with KUBECONFIG pointing at an API server nobody listens on
            args.addAll(List.of("-k", REF.resolve("kubeconfig-unreachable-dummy.yaml").toString()));
        }
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(run.exit(), r.exitCode(), r.stderr());

        List<String> want = new ArrayList<>(Files.readAllLines(REF.resolve("out-" + run.id() + ".stderr.txt")));
        want.removeAll(MISSING_LINES.getOrDefault(run.id(), Set.of()));
        List<String> got = new ArrayList<>(normalise(r.stderr()).lines().toList());
        // Compared on neither side, so the test holds once the data layer logs them too.
        got.removeAll(MISSING_LINES.getOrDefault(run.id(), Set.of()).stream().map(ValidateRunsTest::normalise).toList());
        if (CLUSTER_RUNS.contains(run.id())) {
            // the same failing step (failed to apply / create namespace), then the cause in each tool's words
            String last = want.get(want.size() - 1);
            String prefix = last.substring(0, last.indexOf("namespace: ") + "namespace: ".length());
            assertTrue(prefix.startsWith("[cli] command failed: error=[INTERNAL] failed to "), last);
            assertTrue(got.get(got.size() - 1).startsWith(prefix) && got.get(got.size() - 1).endsWith("exitCode=8"),
                    r.stderr());
            want.remove(want.size() - 1);
            got.remove(got.size() - 1);
        }
        assertEquals(normalise(String.join("\n", want)), String.join("\n", got));

        String doc = report != null && Files.exists(report) ? Files.readString(report) : r.stdout();
        Path refStdout = REF.resolve("out-" + run.id() + ".stdout.txt");
        Path refReport = REF.resolve("report-" + run.id() + ".ctrf.json");
        String refDoc = Files.exists(refReport) ? Files.readString(refReport)
                : Files.exists(refStdout) ? Files.readString(refStdout) : "";
        if (!refDoc.isBlank()) {
            assertEquals(referenceShape(Values.of(JsonReader.parse(refDoc))), withoutAdditions(doc));
        }
        if (run.exit() == 0 || run.id().startsWith("violates") || run.id().equals("missing")) {
            assertFalse(doc.isBlank(), "a report is written");
            GoldenFiles.verify(GOLDEN, run.id(), ".json", doc);
        } else {
            assertEquals("", doc, "no report for argument errors");
        }
    }

    /** Run IDs vary; input paths are absolute here but relative in the reference runs. */
    static String normalise(String s) {
        return s.replaceAll("runID=\\d{8}-\\d{6}-[0-9a-f]{16}", "runID=X").replace(REF + "/", "");
    }

    /** The reference's report without its volatile fields. */
    @SuppressWarnings("unchecked")
    static Object referenceShape(Object doc) {
        Map<String, Object> d = (Map<String, Object>) doc;
        d.remove("timestamp");
        Map<String, Object> results = (Map<String, Object>) d.get("results");
        Map<String, Object> summary = (Map<String, Object>) results.get("summary");
        summary.remove("start");
        summary.remove("stop");
        ((Map<String, Object>) results.get("tool")).put("version", "dev");
        return d;
    }

    /** Our report minus what aicr-j adds: readiness tests and their counts, "extra" fields (tests' and the rule set's). */
    @SuppressWarnings("unchecked")
    static Object withoutAdditions(String json) {
        Map<String, Object> d = (Map<String, Object>) Values.of(JsonReader.parse(json));
        Map<String, Object> results = (Map<String, Object>) d.get("results");
        results.remove("extra");
        List<Object> tests = new ArrayList<>();
        for (Object t : (List<Object>) results.get("tests")) {
            Map<String, Object> m = (Map<String, Object>) t;
            if (!List.of("readiness").equals(m.get("suite"))) {
                m.remove("extra");
                tests.add(m);
            }
        }
        results.put("tests", tests);
        Map<String, Object> summary = (Map<String, Object>) results.get("summary");
        summary.put("tests", (double) tests.size());
        for (String s : List.of("passed", "failed", "skipped", "pending", "other")) {
            summary.put(s, (double) tests.stream().filter(t -> s.equals(((Map<String, Object>) t).get("status"))).count());
        }
        ((Map<String, Object>) results.get("tool")).put("version", "dev");
        return d;
    }
}
