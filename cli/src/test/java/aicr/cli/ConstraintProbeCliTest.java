package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every row of the reference's constraint-probes.tsv, replayed exactly as it was observed:
 * the probe recipe template with the row's name and expression, {@code aicr validate
 * --no-cluster} against the row's snapshot; exit code and the reference's message must match.
 */
class ConstraintProbeCliTest {
    static final Path REF = ValidateRunsTest.REF;

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> probes() throws IOException {
        List<String> lines = Files.readAllLines(REF.resolve("constraint-probes.tsv"));
        String template = Files.readString(REF.resolve("constraint-probe-recipe-template.yaml"));
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            int row = i;
            tests.add(DynamicTest.dynamicTest(row + ": " + f[1] + " [" + f[2] + "] -> " + f[4], () -> probe(row, f, template)));
        }
        assertEquals(46, tests.size(), "every probe row is replayed");
        return tests.stream();
    }

    private void probe(int row, String[] f, String template) throws IOException {
        String snapshot = f[0];
        String name = f[1];
        String expr = f[2];
        int exit = Integer.parseInt(f[3]);
        String outcome = f[4];
        String detail = f[5];
        Path recipe = tmp.resolve("recipe-" + row + ".yaml");
        Files.writeString(recipe, template.replace("\"NAME\"", quote(name)).replace("\"EXPR\"", quote(expr)));
        Path report = tmp.resolve("report-" + row + ".json");
        CliRunner.Result r = CliRunner.run("validate", "--recipe", recipe.toString(), "--snapshot",
                REF.resolve(snapshot).toString(), "--no-cluster", "-o", report.toString());
        assertEquals(exit, r.exitCode(), r.stderr());
        List<String> err = r.stderr().lines().toList();
        if (outcome.equals("PASS")) {
            assertTrue(err.contains("[cli] readiness constraint passed: name=" + name + " expected=" + expr + " "
                    + detail), r.stderr());
        } else {
            assertEquals("[cli] command failed: error=" + detail + " exitCode=" + exit, err.get(err.size() - 1));
        }
        // aicr-j writes the report in every case, with the constraint and the rule that decided it.
        String json = Files.readString(report);
        assertTrue(json.contains("\"suite\": [\n          \"readiness\"\n        ]"), json);
        assertTrue(json.contains("\"ruleFile\": \"rules/constraints/"), json);
    }

    /** A YAML double-quoted scalar. */
    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
