package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.cli.fakecluster.FakeCluster;
import aicr.io.JsonReader;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import aicr.io.Values;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three users of rule files (docs/rules.md): a maintainer adding an operator and a bundle
 * check, a CI job comparing reports with a golden file, a reviewer pinning the rule set.
 */
@ExtendWith(IsolatedRuleCache.class)
class RuleUsersCliTest {
    static final String RECIPE = RulesCliTest.RECIPE;
    static final String SNAPSHOT = RulesCliTest.SNAPSHOT;

    @TempDir
    Path tmp;

    private Path siteRules() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("site-rules"));
        Files.writeString(dir.resolve("regex.yaml"), RulesCliTest.REGEX);
        return dir;
    }

    private Path recipe(String... constraints) throws IOException {
        List<String> lines = new ArrayList<>(List.of("kind: RecipeResult", "apiVersion: aicr.run/v1alpha2",
                "componentRefs:",
                "  - {name: gpu-operator, type: Helm, chart: gpu-operator, source: \"https://helm.ngc.nvidia.com/nvidia\","
                        + " version: v26.3.2, namespace: gpu-operator}",
                "constraints:"));
        for (String c : constraints) {
            lines.add("  - " + c);
        }
        return Files.write(tmp.resolve("recipe.yaml"), lines);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> tests(String json) {
        Map<String, Object> d = (Map<String, Object>) Values.of(JsonReader.parse(json));
        return (List<Map<String, Object>>) ((Map<String, Object>) d.get("results")).get("tests");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> ruleSet(String json) {
        Map<String, Object> d = (Map<String, Object>) Values.of(JsonReader.parse(json));
        return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) d.get("results")).get("extra"))
                .get("ruleSet");
    }

    @Test
    void aThrowingRuleGivesOneErrorVerdictAndTheReportIsWritten() throws IOException {
        Path rules = siteRules();
        Path recipe = recipe("{name: K8s.server.version, value: \"=~ [\"}", "{name: OS.release.ID, value: \"=~ ubu.*\"}",
                "{name: OS.release.VERSION_ID, value: \"24.04\"}");
        Path out = tmp.resolve("report.json");
        CliRunner.Result r = CliRunner.run("validate", "-r", recipe.toString(), "-s", SNAPSHOT, "--no-cluster",
                "--phase", "deployment", "--rules", rules.toString(), "-o", out.toString());
        assertEquals(2, r.exitCode(), r.stderr());
        List<Map<String, Object>> tests = tests(Files.readString(out));
        assertEquals("other", tests.get(0).get("status"));
        assertEquals("[INTERNAL] evaluation failed: rule site.regex: PatternSyntaxException: Unclosed character class"
                + " near index 0 in \"[\"", tests.get(0).get("message"));
        assertEquals("site.regex", ((Map<?, ?>) tests.get(0).get("extra")).get("rule"));
        assertEquals("passed", tests.get(1).get("status"), "the other constraints are decided");
        assertEquals("passed", tests.get(2).get("status"));
        assertTrue(r.stderr().strip().endsWith("error=[INVALID_REQUEST] readiness check could not evaluate: "
                + "K8s.server.version: [INTERNAL] evaluation failed: rule site.regex: PatternSyntaxException: Unclosed"
                + " character class near index 0 in \"[\" exitCode=2"), r.stderr());
    }

    @Test
    void reportsAreTheSameBytesWhateverTheRulesPathSpelling() throws IOException {
        Path rules = siteRules();
        Path recipe = recipe("{name: K8s.server.version, value: \"=~ v1[.]33.*\"}");
        Path a = tmp.resolve("a.json");
        Path b = tmp.resolve("b.json");
        assertEquals(0, CliRunner.run("validate", "-r", recipe.toString(), "-s", SNAPSHOT, "--no-cluster", "--phase",
                "deployment", "--rules", rules.toString(), "-o", a.toString()).exitCode());
        Files.createDirectories(tmp.resolve("elsewhere"));
        String spelled = tmp.resolve("elsewhere/../site-rules/./").toString() + "/";
        CliRunner.Result r = CliRunner.run("validate", "-r", recipe.toString(), "-s", SNAPSHOT, "--no-cluster", "--phase",
                "deployment", "--rules", spelled, "-o", b.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(Files.readString(a), Files.readString(b));
        Map<String, Object> set = ruleSet(Files.readString(a));
        assertTrue(((String) set.get("digest")).matches("sha256:[0-9a-f]{64}"), set.toString());
        assertFalse(set.get("digest").equals(set.get("shippedDigest")));
        assertEquals(List.of("site.regex"), set.get("added"));
        assertTrue(((List<?>) set.get("files")).contains("regex.yaml"), set.toString());
        assertFalse(Files.readString(a).contains(tmp.toString()), "no absolute path in the report");
    }

    @Test
    void ciGetsJunitAndAGoldenComparison() throws IOException {
        Path out = tmp.resolve("report.json");
        Path junit = tmp.resolve("junit.xml");
        Path golden = tmp.resolve("approved.json");
        String[] base = {"validate", "-r", RECIPE, "-s", SNAPSHOT, "--no-cluster", "--phase", "deployment", "-o",
                out.toString(), "--junit", junit.toString(), "--golden", golden.toString()};

        CliRunner.Result missing = CliRunner.run(base);
        assertEquals(3, missing.exitCode(), missing.stderr());
        assertTrue(missing.stderr().contains("golden report not found: " + golden + " (write it with --update-golden)"));

        List<String> update = new ArrayList<>(List.of(base));
        update.add("--update-golden");
        CliRunner.Result approve = CliRunner.run(update.toArray(String[]::new));
        assertEquals(0, approve.exitCode(), approve.stderr());
        assertEquals(Files.readString(out), Files.readString(golden));

        CliRunner.Result same = CliRunner.run(base);
        assertEquals(0, same.exitCode(), same.stderr());
        assertTrue(same.stderr().contains("report matches the golden report: file=" + golden), same.stderr());

        String xml = Files.readString(junit);
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"aicr validate\" tests=\"8\""
                + " failures=\"0\" errors=\"0\" skipped=\"4\">\n  <testsuite name=\"readiness\" tests=\"4\""), xml);
        assertTrue(xml.contains("<property name=\"ruleSet.digest\" value=\"sha256:"), xml);
        assertTrue(xml.contains("<testcase classname=\"readiness\" name=\"K8s.server.version\" time=\"0.000\">"), xml);
        assertTrue(xml.contains("<property name=\"rule\" value=\"constraint.version-order.ge\"/>"), xml);
        assertTrue(xml.contains("<testcase classname=\"deployment\" name=\"operator-health\" time=\"0.000\">\n"
                + "      <skipped message=\"skipped - no-cluster mode\"/>"), xml);
        assertEquals(8, xml.split("<testcase ", -1).length - 1, "one testcase per test: " + xml);

        // The cluster changed: the kernel reading no longer satisfies its constraint.
        Path violating = Files.writeString(tmp.resolve("snapshot.yaml"), Files.readString(Path.of(SNAPSHOT))
                .replace("6.8.0-1024-aws", "6.5.0-1024-aws"));
        base[4] = violating.toString();
        CliRunner.Result changed = CliRunner.run(base);
        assertEquals(10, changed.exitCode(), changed.stderr());
        assertTrue(changed.stderr().contains("--- " + golden + "\n+++ this run\n@@ "), changed.stderr());
        assertTrue(changed.stderr().contains("\n-        \"status\": \"passed\",")
                && changed.stderr().contains("\n+        \"status\": \"failed\","), changed.stderr());
        assertTrue(changed.stderr().strip().endsWith("[cli] report differs from the golden report: file=" + golden
                + " exitCode=10"), changed.stderr());
        assertTrue(Files.readString(junit).contains("<failure message=\"expected &gt;= 6.8, got 6.5.0-1024-aws\">"));
    }

    @Test
    void aFailedRunLeavesNoOlderReportBehind() throws IOException {
        Path out = Files.writeString(tmp.resolve("report.json"), "{\"an\": \"old report\"}");
        Path junit = Files.writeString(tmp.resolve("junit.xml"), "<old/>");
        CliRunner.Result r = CliRunner.run("validate", "-r", tmp.resolve("missing.yaml").toString(), "-s", SNAPSHOT,
                "--no-cluster", "-o", out.toString(), "--junit", junit.toString());
        assertEquals(3, r.exitCode(), r.stderr());
        assertFalse(Files.exists(out), "the old report is gone");
        assertFalse(Files.exists(junit));

        Files.writeString(out, "{\"an\": \"old report\"}");
        CliRunner.Result flags = CliRunner.run("validate", "-r", RECIPE, "--no-such-flag", "-o", out.toString());
        assertEquals(1, flags.exitCode(), flags.stderr());
        assertFalse(Files.exists(out), "also after a flag error");
    }

    /**
     * The CI options with cm:// inputs and a cm:// report (issue 7 meets issue 8): --rules layered
     * over the shipped set, the golden compared with the text stored in the ConfigMap; a run that
     * fails removes its old JUnit file but leaves the report ConfigMap as it was, without a cluster call.
     */
    @Test
    void ciOptionsWithConfigMapInputsAndReport() throws Exception {
        try (FakeCluster c = FakeCluster.start(tmp)) {
            String k = c.kubeconfig().toString();
            putConfigMap(c, "recipe", Map.of("snapshot.yaml", Files.readString(Path.of(RECIPE))));
            putConfigMap(c, "satisfies", Map.of("snapshot.yaml", Files.readString(Path.of(SNAPSHOT))));
            Path junit = tmp.resolve("junit.xml");
            Path golden = tmp.resolve("approved.json");
            String[] base = {"validate", "-r", "cm://default/recipe", "-s", "cm://default/satisfies", "--no-cluster",
                    "-k", k, "--rules", siteRules().toString(), "-o", "cm://default/report", "--junit", junit.toString(),
                    "--golden", golden.toString()};
            List<String> update = new ArrayList<>(List.of(base));
            update.add("--update-golden");
            CliRunner.Result approve = CliRunner.run(update.toArray(String[]::new));
            assertEquals(0, approve.exitCode(), approve.stderr());
            String stored = c.client().configMaps().inNamespace("default").withName("report").get().getData()
                    .get("snapshot.json");
            assertEquals(Files.readString(golden), stored);
            assertEquals(List.of("site.regex"), ruleSet(stored).get("added"));
            CliRunner.Result same = CliRunner.run(base);
            assertEquals(0, same.exitCode(), same.stderr());
            assertTrue(Files.readString(junit).contains("<property name=\"ruleSet.digest\" value=\"sha256:"));

            int requests = c.requests().size();
            String[] failing = base.clone();
            failing[2] = tmp.resolve("missing.yaml").toString();
            CliRunner.Result r = CliRunner.run(failing);
            assertEquals(3, r.exitCode(), r.stderr());
            assertFalse(Files.exists(junit), "the old JUnit file is gone");
            assertEquals(requests, c.requests().size(), "the failed run made no cluster call: "
                    + c.requests().subList(requests, c.requests().size()));
            assertEquals(stored, c.client().configMaps().inNamespace("default").withName("report").get().getData()
                    .get("snapshot.json"), "the report ConfigMap is left as it was");
        }
    }

    private static void putConfigMap(FakeCluster c, String name, Map<String, String> data) {
        c.client().configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .endMetadata().withData(data).build()).create();
    }

    @Test
    void aRunawayRuleEndsAtTheTimeLimit() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("slow"));
        Files.writeString(dir.resolve("slow.yaml"), """
                id: site.slow
                kind: constraint
                severity: error
                summary: compares every reading with every other, six levels deep
                reference: test
                operators: ["~~"]
                rules:
                  - id: site.slow
                    when:
                      - { given: Constraint, as: $c, having: [ 'operator == "~~"' ] }
                      - { given: java.util.List, as: $all, from: 'collect( Reading() )' }
                    then: |
                      long n = 0;
                      for (Object a : $all) { for (Object b : $all) { for (Object c : $all) {
                        for (Object d : $all) { for (Object e : $all) { for (Object f : $all) { n++; } } } } } }
                      insert(Verdict.error($c, null, "n=" + n));
                """);
        Path recipe = recipe("{name: K8s.server.version, value: \"~~ x\"}");
        Path out = tmp.resolve("report.json");
        CliRunner.Result r = CliRunner.run("validate", "-r", recipe.toString(), "-s", SNAPSHOT, "--no-cluster",
                "--rules", dir.toString(), "--rule-timeout", "500ms", "-o", out.toString());
        assertEquals(5, r.exitCode(), r.stderr());
        assertTrue(r.stderr().strip().endsWith("[cli] command failed: error=[TIMEOUT] rule session exceeded its time limit"
                + " of 500ms (raise it with --rule-timeout) exitCode=5"), r.stderr());
        assertFalse(Files.exists(out));
    }

    @Test
    void reviewerDocumentAndVersionPinTheRuleSet() throws IOException {
        Path rules = siteRules();
        Path doc = tmp.resolve("rules.md");
        CliRunner.Result r = CliRunner.run("rules", "doc", "--rules", rules.toString(), "-o", doc.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        String md = Files.readString(doc);
        assertTrue(md.startsWith("# aicr rules\n"), md);
        assertTrue(md.contains("\n### site.regex\n"), md);
        assertTrue(md.contains("| file | `regex.yaml` (--rules) |"), md);
        assertTrue(md.contains("| operators | `=~` |"), md);
        assertTrue(md.contains("| `site.regex` | 8 | warning | =~ matches the reading against a regular expression |"), md);
        assertTrue(md.contains("| cases[0] | 14 | pass |"), md);
        assertTrue(md.contains("\n### constraint.version-order\n") && md.contains("\n### bundle-check.unknown-function\n"));
        assertTrue(md.contains(" 1  id: site.regex\n"), "numbered source");

        CliRunner.Result version = CliRunner.run("--version");
        CliRunner.Result list = CliRunner.run("rules", "list");
        String shipped = version.stdout().lines().filter(l -> l.startsWith("rules: ")).findFirst().orElseThrow();
        String constraintDigest = shipped.replaceAll("rules: constraint (sha256:[0-9a-f]{64}), bundle-check .*", "$1");
        assertTrue(list.stdout().contains("\nconstraint rule set " + constraintDigest + " (shipped)\n"), list.stdout());
        assertTrue(md.contains("| constraint | `sha256:") && md.contains("` | `" + constraintDigest + "` | site.regex |  |"), md);
    }

    @Test
    void bundleRulesFireAUserCheckNamedByItsRule() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("checks"));
        Files.writeString(dir.resolve("storage.yaml"), """
                id: site.storage-class
                kind: bundle-check
                severity: warning
                summary: components that render PVCs need an explicit storage class
                reference: site policy 7 - the default StorageClass is not replicated
                rules:
                  - id: site.storage-class
                    when:
                      - { given: BundleOptions, having: [ 'storageClass.isEmpty()' ] }
                      - { given: BundleComponent, as: $b, having: [ 'name == "kube-prometheus-stack"' ] }
                    then: |
                      insert(CheckResult.of($b.name(), $b.name() + " stores metrics on the default StorageClass"));
                cases:
                  - given: { component: kube-prometheus-stack }
                    expect: finding
                    message: kube-prometheus-stack stores metrics on the default StorageClass
                  - given: { component: kube-prometheus-stack, storageClass: gp3 }
                    expect: none
                """);
        Files.writeString(dir.resolve("implements.yaml"), """
                id: site.does-not-exist
                kind: bundle-check
                severity: warning
                summary: implements the registry function CheckDoesNotExist of a --data registry
                reference: test
                implements: [CheckDoesNotExist]
                rules:
                  - id: site.does-not-exist
                    when:
                      - { given: BundleCheck, as: $c, having: [ 'function == "CheckDoesNotExist"' ] }
                      - { given: BundleComponent, having: [ 'name == $c.component', 'values.containsKey("customization")' ] }
                    then: insert(CheckResult.finding($c, $c.component() + " has a customization"));
                """);
        CliRunner.Result test = CliRunner.run("rules", "test", dir.toString(), "--given-only");
        assertEquals(0, test.exitCode(), test.stdout() + test.stderr());

        Path out = tmp.resolve("bundle");
        CliRunner.Result r = CliRunner.run("bundle", "-r", BundleFixtures.GOLDEN.resolve("recipe.yaml").toString(),
                "--rules", dir.toString(), "-o", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("  ⚠ Warning: kube-prometheus-stack stores metrics on the default StorageClass"
                + " (rule site.storage-class)\n"), r.stdout());
        assertTrue(r.stderr().contains("[cli] kube-prometheus-stack stores metrics on the default StorageClass:"
                + " component=kube-prometheus-stack rule=site.storage-class\n"), r.stderr());
        assertTrue(r.stderr().contains("[cli] bundle-check rules loaded: digest=sha256:"), r.stderr());

        // With --data naming a function no shipped file implements, the user file implements it.
        CliRunner.Result data = CliRunner.run("bundle", "-r", BundleFixtures.GOLDEN.resolve("recipe.yaml").toString(),
                "--data", BundleFixtures.INPUTS.resolve("bundle-validation-data-unknownfn").toString(),
                "--rules", dir.toString(), "-o", tmp.resolve("b2").toString(), "--debug");
        assertEquals(0, data.exitCode(), data.stderr());
        assertTrue(data.stderr().contains("bundle check finding: rule=site.storage-class file=storage.yaml"
                + " component=kube-prometheus-stack"), data.stderr());
        CliRunner.Result without = CliRunner.run("bundle", "-r", BundleFixtures.GOLDEN.resolve("recipe.yaml").toString(),
                "--data", BundleFixtures.INPUTS.resolve("bundle-validation-data-unknownfn").toString(),
                "-o", tmp.resolve("b3").toString());
        assertEquals(2, without.exitCode(), without.stderr());
        assertTrue(without.stderr().contains("unknown validation function"), without.stderr());
    }
}
