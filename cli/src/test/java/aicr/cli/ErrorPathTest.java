package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: one-line error, documented exit code, no stack trace, no partial output. */
class ErrorPathTest {
    @TempDir
    Path tmp;

    private static void assertOneLineError(CliRunner.Result r, int code, String fragment) {
        assertEquals(code, r.exitCode(), r.stderr());
        String last = r.stderr().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.contains(fragment), "stderr: " + r.stderr());
        assertFalse(r.stderr().contains("\tat "), "no stack trace without --debug: " + r.stderr());
        assertEquals("", r.stdout());
    }

    @Test
    void unknownCriteriaValueIsInvalidRequest() {
        assertOneLineError(CliRunner.run("recipe", "--service", "eks", "--accelerator", "z999"), 2,
                "[cli] command failed: error=[INVALID_REQUEST] error parsing criteria: [INVALID_REQUEST] invalid accelerator type: z999 exitCode=2");
    }

    @Test
    void malformedCriteriaFileIsInvalidRequest() throws Exception {
        Path f = Files.writeString(tmp.resolve("c.yaml"), "spec: [unclosed\n");
        assertOneLineError(CliRunner.run("recipe", "-c", f.toString()), 2, "failed to parse criteria file");
    }

    @Test
    void criteriaFileWithWrongKindIsRejected() throws Exception {
        Path f = Files.writeString(tmp.resolve("c.yaml"), "kind: Nope\nspec: {service: eks}\n");
        assertOneLineError(CliRunner.run("recipe", "--criteria", f.toString()), 2,
                "invalid kind \"Nope\", expected \"RecipeCriteria\"");
    }

    @Test
    void criteriaFileFieldsAreOverriddenByFlags() throws Exception {
        Path f = Files.writeString(tmp.resolve("c.yaml"),
                "kind: RecipeCriteria\nspec: {service: gke, accelerator: h100, os: cos, intent: training}\n");
        CliRunner.Result r = CliRunner.run("query", "-c", f.toString(), "--service", "eks", "--os", "ubuntu",
                "--selector", "criteria.service");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("eks\n", r.stdout());
    }

    @Test
    void missingCriteriaFileIsNotFound() {
        assertOneLineError(CliRunner.run("recipe", "-c", tmp.resolve("none.yaml").toString()), 3, "criteria file not found");
    }

    @Test
    void dataDirWithoutRegistryIsInternal() {
        assertOneLineError(CliRunner.run("recipe", "--service", "eks", "--data", tmp.toString()), 8,
                "registry.yaml is required in external data directory");
    }

    @Test
    void overlayInheritanceCycleIsReported() throws Exception {
        Files.writeString(tmp.resolve("registry.yaml"), "kind: ComponentRegistry\ncomponents: []\n");
        Files.createDirectories(tmp.resolve("overlays"));
        Files.writeString(tmp.resolve("overlays/a.yaml"), "kind: RecipeMetadata\nmetadata: {name: a}\nspec: {base: b, criteria: {service: x1}}\n");
        Files.writeString(tmp.resolve("overlays/b.yaml"), "kind: RecipeMetadata\nmetadata: {name: b}\nspec: {base: a, criteria: {service: x1}}\n");
        assertOneLineError(CliRunner.run("recipe", "--service", "eks", "--data", tmp.toString()), 2,
                "overlay inheritance cycle: a -> b -> a");
    }

    @Test
    void missingSelectorKeyIsNotFound() {
        assertOneLineError(CliRunner.run("query", "--service", "eks", "--accelerator", "h100", "--os", "ubuntu",
                "--intent", "training", "--selector", "components.nosuch"), 3, "key \"nosuch\" not found, available keys: ");
    }

    @Test
    void unwritableOutputLeavesNothingBehind() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("ro"));
        Path target = dir.resolve("r.yaml");
        assertOneLineError(CliRunner.run("recipe", "--service", "kind", "-o", tmp.resolve("nodir/r.yaml").toString()), 8,
                "failed to write output file");
        // a failing resolution never creates the file
        assertOneLineError(CliRunner.run("recipe", "--service", "gke", "--accelerator", "h100", "-o", target.toString()), 2,
                "specify an OS");
        assertFalse(Files.exists(target));
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count(), "no temp files left behind");
        }
    }

    @Test
    void outputFileIsWrittenWhole() throws Exception {
        Path target = tmp.resolve("r.yaml");
        CliRunner.Result r = CliRunner.run("recipe", "--service", "kind", "-o", target.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(Files.readString(target).startsWith("apiVersion: aicr.run/v1alpha2\n"));
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(target)),
                "a new output file gets the usual mode, not the private temp-file mode");
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void badFlagSyntaxExitsOne() {
        CliRunner.Result r = CliRunner.run("recipe", "--service", "eks", "--nodes", "abc");
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("'abc' is not an int"), r.stderr());
    }

    @Test
    void repeatedFlagIsInvalidRequest() {
        assertOneLineError(CliRunner.run("recipe", "--service", "eks", "--service", "gke"), 2,
                "flag --service can only be specified once");
    }

    @Test
    void unknownFormatIsInvalidRequest() {
        assertOneLineError(CliRunner.run("recipe", "--service", "kind", "-t", "xml"), 2,
                "unknown output format: \"xml\", valid formats are: yaml, json, table");
    }

    @Test
    void emptyCriteriaIsRejected() {
        assertOneLineError(CliRunner.run("recipe", "--service", "any"), 2, "no criteria provided");
    }

    @Test
    void debugShowsTheStack() {
        CliRunner.Result r = CliRunner.run("--debug", "recipe", "--service", "eks", "--accelerator", "z999");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("\tat "), r.stderr());
    }

    @Test
    void helpHasExamples() {
        CliRunner.Result r = CliRunner.run("recipe", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.stdout().contains("aicr recipe --service eks --accelerator h100 --os ubuntu --intent training"), r.stdout());
    }
}
