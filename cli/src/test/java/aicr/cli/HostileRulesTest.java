package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile rule corpus of issue 8 ({@code src/test/resources/rule-corpus}): for each kind —
 * exec, reflection, file access, exit, infinite loop, huge allocation — a set of rule files that
 * would do it, and a benign twin of the same shape. Every hostile set is refused at load by
 * {@code rules test}, {@code rules list} and {@code validate --rules}, with one line naming the
 * file, the rule, the line and the forbidden name, and without side effect (no marker file, no
 * report, the process still running); every benign set is accepted by all three.
 */
@ExtendWith(IsolatedRuleCache.class)
class HostileRulesTest {
    static final Path CORPUS = Path.of("src", "test", "resources", "rule-corpus").toAbsolutePath();
    static final String SNAPSHOT = ValidateRunsTest.REF.resolve("snapshot-satisfies.yaml").toString();

    @TempDir
    Path tmp;

    /** Kind, and for each of its files (by name) the forbidden name its refusal must name. */
    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("exec", Map.of("then.yaml", "\"Runtime\"", "having.yaml", "\"Runtime\"")),
                Arguments.of("reflection", Map.of("then.yaml", "\"Class\"", "chain.yaml", "\"getClass()\"")),
                Arguments.of("file", Map.of("then.yaml", "\"java.nio.file.Path\"", "having.yaml", "\"java.io.File\"")),
                Arguments.of("exit", Map.of("then.yaml", "\"System\"", "halt.yaml", "\"Runtime\"")),
                Arguments.of("loop", Map.of("then.yaml", "a while loop", "for.yaml", "a for(;;) loop")),
                Arguments.of("alloc", Map.of("then.yaml", "array creation (new T[n])", "repeat.yaml", "\"repeat()\"",
                        "sized.yaml", "new ArrayList(...) with arguments")));
    }

    /** A copy of one corpus set with its marker path filled in. */
    private Path copy(String set, String kind, Path marker) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(set + "-" + kind));
        try (Stream<Path> s = Files.list(CORPUS.resolve(set).resolve(kind))) {
            for (Path p : s.toList()) {
                Files.writeString(dir.resolve(p.getFileName()), Files.readString(p).replace("@MARKER@", marker.toString()));
            }
        }
        return dir;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void hostileSetIsRefusedAtLoadWithoutSideEffect(String kind, Map<String, String> names) throws IOException {
        Path marker = tmp.resolve("marker");
        Path dir = copy("hostile", kind, marker);

        CliRunner.Result test = CliRunner.run("rules", "test", dir.toString());
        assertEquals(2, test.exitCode(), test.stdout() + test.stderr());
        List<String> invalid = test.stdout().lines().filter(l -> l.startsWith("INVALID  ")).toList();
        assertEquals(names.size(), invalid.size(), "every invalid file is reported: " + test.stdout());
        for (Map.Entry<String, String> e : names.entrySet()) {
            String rule = "hostile." + kind + "." + e.getKey().replace(".yaml", "");
            assertTrue(invalid.stream().anyMatch(l -> l.startsWith("INVALID  [INVALID_REQUEST] " + e.getKey() + ": rules[0].")
                            && l.contains(": rule " + rule + ": uses " + e.getValue()) && l.matches(".*\\(line \\d+\\)$")),
                    e + " in " + invalid);
        }
        assertFalse(test.stdout().contains("cases hold"), "no case ran");

        CliRunner.Result list = CliRunner.run("rules", "list", "--rules", dir.toString());
        assertEquals(2, list.exitCode(), list.stderr());
        assertEquals("", list.stdout());
        assertOneErrorLine(list.stderr(), kind);

        Path report = tmp.resolve("report.json");
        CliRunner.Result validate = CliRunner.run("validate", "-r", recipe().toString(), "-s", SNAPSHOT, "--no-cluster",
                "--rules", dir.toString(), "-o", report.toString());
        assertEquals(2, validate.exitCode(), validate.stderr());
        assertOneErrorLine(validate.stderr(), kind);
        assertFalse(Files.exists(report), "no report");

        assertFalse(Files.exists(marker), "no side effect");
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("marker")));
        }
    }

    private static void assertOneErrorLine(String stderr, String kind) {
        List<String> errors = stderr.lines().filter(l -> l.startsWith("[cli] command failed: ")).toList();
        assertEquals(1, errors.size(), stderr);
        assertTrue(errors.get(0).matches("\\[cli] command failed: error=\\[INVALID_REQUEST] [a-z]+\\.yaml: rules\\[0]\\."
                + "(when|then): rule hostile\\." + kind + "\\.[a-z]+: uses .* \\(line \\d+\\) exitCode=2"), errors.get(0));
        assertFalse(stderr.contains("\tat "), stderr);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void benignTwinIsAccepted(String kind, Map<String, String> names) throws IOException {
        Path marker = tmp.resolve("marker");
        Path dir = copy("benign", kind, marker);

        CliRunner.Result test = CliRunner.run("rules", "test", dir.toString(), "--given-only");
        assertEquals(0, test.exitCode(), test.stdout() + test.stderr());
        assertTrue(test.stdout().endsWith(names.size() + " of " + names.size() + " cases hold (" + names.size() + "/"
                + names.size() + " constraint)\n"), test.stdout());

        CliRunner.Result list = CliRunner.run("rules", "list", "--rules", dir.toString());
        assertEquals(0, list.exitCode(), list.stderr());
        for (String file : names.keySet()) {
            assertTrue(list.stdout().contains("benign." + kind + "." + file.replace(".yaml", "") + " "), list.stdout());
        }

        Path report = tmp.resolve("report.json");
        CliRunner.Result validate = CliRunner.run("validate", "-r", recipe(names.size()).toString(), "-s", SNAPSHOT,
                "--no-cluster", "--phase", "deployment", "--rules", dir.toString(), "-o", report.toString());
        assertEquals(0, validate.exitCode(), validate.stderr());
        String json = Files.readString(report);
        for (String file : names.keySet()) {
            assertTrue(json.contains("\"rule\": \"benign." + kind + "." + file.replace(".yaml", "") + "\""), json);
        }
        assertFalse(Files.exists(marker));
    }

    /** The process survives a rule set that calls System.exit: it ends with its own exit code and error line. */
    @Test
    void exitRuleLeavesTheProcessRunning() throws IOException {
        Path dir = copy("hostile", "exit", tmp.resolve("marker"));
        CliRunner.Result r = CliRunner.runProcess(tmp, Map.of("AICR_CACHE_DIR", IsolatedRuleCache.dir().toString()),
                "validate", "-r", recipe().toString(), "-s", SNAPSHOT, "--no-cluster", "--rules", dir.toString());
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().strip().endsWith("exitCode=2"), r.stderr());
    }

    /** A recipe whose constraints use the operators of the corpus files ({@code ?1}, {@code ?2}, {@code ?3}). */
    private Path recipe() throws IOException {
        return recipe(3);
    }

    private Path recipe(int operators) throws IOException {
        List<String> lines = new ArrayList<>(List.of("kind: RecipeResult", "apiVersion: aicr.run/v1alpha2",
                "componentRefs:",
                "  - {name: gpu-operator, type: Helm, chart: gpu-operator, source: \"https://helm.ngc.nvidia.com/nvidia\","
                        + " version: v26.3.2, namespace: gpu-operator}",
                "constraints:"));
        for (int i = 1; i <= operators; i++) {
            lines.add("  - {name: K8s.server.version, value: \"?" + i + " x\"}");
        }
        return Files.write(tmp.resolve("recipe.yaml"), lines);
    }
}
