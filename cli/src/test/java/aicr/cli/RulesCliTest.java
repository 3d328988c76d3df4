package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.io.JsonReader;
import aicr.io.Values;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code aicr rules list|explain|test} and {@code validate --rules DIR / --timestamps / --config}. */
@ExtendWith(IsolatedRuleCache.class)
class RulesCliTest {
    static final Path REF = ValidateRunsTest.REF;
    static final String RECIPE = REF.resolve("recipe-eks-h100-ubuntu-training.yaml").toString();
    static final String SNAPSHOT = REF.resolve("snapshot-satisfies.yaml").toString();

    @TempDir
    Path tmp;

    static final String REGEX = """
            id: site.regex
            kind: constraint
            severity: warning
            summary: =~ matches the reading against a regular expression
            reference: site policy
            operators: ["=~"]
            rules:
              - id: site.regex
                when:
                  - { given: Constraint, as: $c, having: [ 'failedStep == null', 'operator == "=~"' ] }
                  - { given: Reading, as: $r, having: [ 'key == $c.key' ] }
                then: insert(Verdict.of($c, $r, $r.trimmed().matches($c.operand())));
            cases:
              - given: { constraint: "=~ v1[.]33[.].*", reading: v1.33.5 }
                expect: pass
            """;

    @Test
    void listNamesEveryShippedRuleWithItsFile() {
        CliRunner.Result r = CliRunner.run("rules", "list");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("ID "), r.stdout());
        for (String id : List.of("constraint.exact", "constraint.equality.eq", "constraint.version-order.ge",
                "constraint.resolution.lookup", "constraint.undecided")) {
            assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith(id + " ") && l.contains("rules/constraints/")), id);
        }
    }

    @Test
    void explainShowsReferenceAndFileWithCases() {
        CliRunner.Result r = CliRunner.run("rules", "explain", "constraint.version-order.gt");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("file:      rules/constraints/version-order.yaml:37 (constraint.version-order, shipped)"),
                r.stdout());
        assertTrue(r.stdout().contains("reference: Reference ParsedConstraint.Evaluate"), r.stdout());
        assertTrue(r.stdout().contains("\n 58  cases:\n"), r.stdout());
        CliRunner.Result file = CliRunner.run("rules", "explain", "constraint.version-order");
        assertEquals(0, file.exitCode(), file.stderr());
        assertTrue(file.stdout().startsWith("file:      rules/constraints/version-order.yaml (constraint.version-order, shipped)"),
                file.stdout());
        assertTrue(file.stdout().contains("  rules/constraints/version-order.yaml:37  constraint.version-order.gt (error)"),
                file.stdout());
        CliRunner.Result missing = CliRunner.run("rules", "explain", "constraint.version-order.gte");
        assertEquals(3, missing.exitCode());
        assertTrue(missing.stderr().contains("[NOT_FOUND] no rule or rule file with id \"constraint.version-order.gte\" "
                + "(did you mean constraint.version-order, constraint.version-order.gt, constraint.version-order.ge?); "
                + "see aicr rules list"), missing.stderr());
    }

    @Test
    void testRunsShippedCases() {
        CliRunner.Result r = CliRunner.run("rules", "test");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().matches("(?s).*\\n(\\d+) of \\1 cases hold \\(\\d+/\\d+ constraint, \\d+/\\d+ bundle-check\\)\\n"),
                r.stdout());
    }

    @Test
    void testDirectoryReportsFailingCase() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("site"));
        Files.writeString(dir.resolve("regex.yaml"), REGEX + """
                  - name: wrong on purpose
                    given: { constraint: "=~ v2.*", reading: v1.33.5 }
                    expect: pass
                """);
        CliRunner.Result r = CliRunner.run("rules", "test", dir.toString());
        assertEquals(2, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("FAIL  regex.yaml:16 cases[1] wrong on purpose: expected pass, got fail"
                + " (rule site.regex)"), r.stdout());
        assertTrue(r.stdout().contains("ok    regex.yaml:14 cases[0]"), r.stdout());
        assertTrue(r.stdout().contains("ok    rules/constraints/"), "the shipped cases run too");
        assertTrue(r.stderr().contains("[INVALID_REQUEST] 1 of "), r.stderr());

        CliRunner.Result mine = CliRunner.run("rules", "test", dir.toString(), "--given-only", "--failures-only");
        assertEquals(2, mine.exitCode(), mine.stdout() + mine.stderr());
        assertEquals("FAIL  regex.yaml:16 cases[1] wrong on purpose: expected pass, got fail (rule site.regex)\n"
                + "1 of 2 cases hold (1/2 constraint)\n", mine.stdout());
    }

    @Test
    void validateWithRulesDirectoryAddsAnOperatorAndNamesTheRule() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("site"));
        Files.writeString(dir.resolve("regex.yaml"), REGEX);
        Path recipe = Files.writeString(tmp.resolve("recipe.yaml"), """
                kind: RecipeResult
                apiVersion: aicr.run/v1alpha2
                componentRefs:
                  - {name: gpu-operator, type: Helm, chart: gpu-operator, source: "https://helm.ngc.nvidia.com/nvidia", version: v26.3.2, namespace: gpu-operator}
                constraints:
                  - {name: K8s.server.version, value: "=~ v1[.]33[.].*"}
                  - {name: OS.release.ID, value: ubuntu}
                """);
        Path out = tmp.resolve("report.json");
        CliRunner.Result r = CliRunner.run("validate", "-r", recipe.toString(), "-s", SNAPSHOT, "--no-cluster",
                "--rules", dir.toString(), "--phase", "deployment", "-o", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        Map<String, Object> first = test(Files.readString(out), 0);
        assertEquals("passed", first.get("status"));
        Map<?, ?> extra = (Map<?, ?>) first.get("extra");
        assertEquals("site.regex", extra.get("rule"));
        assertEquals("regex.yaml", extra.get("ruleFile"));
        assertEquals("constraint.exact", ((Map<?, ?>) test(Files.readString(out), 1).get("extra")).get("rule"));
        // Without the directory the same expression is an exact-match operand, as in the reference.
        CliRunner.Result plain = CliRunner.run("validate", "-r", recipe.toString(), "-s", SNAPSHOT, "--no-cluster");
        assertEquals(2, plain.exitCode());
        assertTrue(plain.stderr().contains("readiness check failed: K8s.server.version expected =~ v1[.]33[.].*, got "
                + "v1.33.5-eks-3025e55"), plain.stderr());
    }

    @Test
    void brokenRuleFileIsOneLineNamingFileAndFieldAndWritesNoReport() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(dir.resolve("regex.yaml"), REGEX.replace("matches(", "matchez("));
        Path out = tmp.resolve("report.json");
        CliRunner.Result r = CliRunner.run("validate", "-r", RECIPE, "-s", SNAPSHOT, "--no-cluster",
                "--rules", dir.toString(), "-o", out.toString());
        assertEquals(2, r.exitCode(), r.stderr());
        String last = r.stderr().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("[cli] command failed: error=[INVALID_REQUEST] regex.yaml: rules[0].then: "), last);
        assertFalse(r.stderr().contains("\tat ") || r.stderr().contains("Lambda") || r.stderr().contains(".java"),
                r.stderr());
        assertFalse(Files.exists(out), "no report");

        Files.writeString(dir.resolve("regex.yaml"), REGEX.replace("severity: warning", "severity: loud"));
        CliRunner.Result schema = CliRunner.run("rules", "test", dir.toString());
        assertEquals(2, schema.exitCode());
        assertTrue(schema.stdout().contains("INVALID  [INVALID_REQUEST] regex.yaml: severity: must be error, warning "
                + "or info, not \"loud\" (line 3)"), schema.stdout());
    }

    @Test
    void timestampsAreOptIn() throws IOException {
        CliRunner.Result plain = CliRunner.run("validate", "-r", RECIPE, "-s", SNAPSHOT, "--no-cluster", "--phase", "deployment");
        assertFalse(plain.stdout().contains("\"timestamp\""), plain.stdout());
        assertFalse(plain.stdout().contains("\"start\""), plain.stdout());
        CliRunner.Result stamped = CliRunner.run("validate", "-r", RECIPE, "-s", SNAPSHOT, "--no-cluster", "--phase",
                "deployment", "--timestamps");
        assertTrue(stamped.stdout().matches("(?s).*\"timestamp\": \"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\".*"),
                stamped.stdout());
        assertTrue(stamped.stdout().contains("\"start\": ") && stamped.stdout().contains("\"stop\": "));
    }

    @Test
    void configSuppliesInputsAndFlagsOverrideIt() throws IOException {
        Path cfg = Files.writeString(tmp.resolve("aicr.yaml"), """
                kind: AICRConfig
                apiVersion: aicr.run/v1alpha2
                spec:
                  validate:
                    input: {recipe: %s, snapshot: %s}
                    execution: {noCluster: true, phases: [deployment]}
                """.formatted(RECIPE, SNAPSHOT));
        CliRunner.Result r = CliRunner.run("validate", "--config", cfg.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("running validation: phases=[deployment]"), r.stderr());
        CliRunner.Result live = CliRunner.run("validate", "--config", cfg.toString(), "--no-cluster=false");
        assertEquals(8, live.exitCode(), live.stderr());
        assertTrue(live.stderr().startsWith(
                "[cli] CLI flag overriding config value: flag=no-cluster config=true override=false\n"), live.stderr());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> test(String json, int i) {
        Map<String, Object> d = (Map<String, Object>) Values.of(JsonReader.parse(json));
        return (Map<String, Object>) ((List<Object>) ((Map<String, Object>) d.get("results")).get("tests")).get(i);
    }
}
