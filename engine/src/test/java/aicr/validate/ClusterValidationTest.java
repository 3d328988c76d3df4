package aicr.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.recipe.RecipeResult;
import aicr.snapshot.Snapshot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster seam of validate: live mode hands the phases to a {@link ClusterValidation}
 * and applies --fail-on-error to what comes back; the implementation of this build fails
 * each cluster step with exit 8, before any report is written.
 */
class ClusterValidationTest {
    @TempDir
    Path tmp;

    static final String RECIPE = Golden.REFERENCE.resolve("recipe-eks-h100-ubuntu-training.yaml").toString();
    static final String SNAPSHOT = Golden.REFERENCE.resolve("snapshot-satisfies.yaml").toString();

    private ValidateRun.Options live(String snapshot, boolean failOnError, Path out) {
        return new ValidateRun.Options(RECIPE, snapshot, List.of("deployment", "conformance"), failOnError, true, false,
                null, null, out.toString(), false, List.of());
    }

    /** Answers the phases with a chosen status and records what it was asked. */
    static final class Scripted implements ClusterValidation {
        final String status;
        final List<String> asked = new ArrayList<>();
        boolean failFast;

        Scripted(String status) {
            this.status = status;
        }

        @Override
        public String banner() {
            return "scripted cluster";
        }

        @Override
        public Snapshot captureSnapshot(ValidateRun.Options options) {
            throw new AssertionError("a snapshot was given");
        }

        @Override
        public List<PhaseResult> runPhases(ValidateRun.Options options, RecipeResult recipe, Snapshot snapshot,
                                           List<String> phases, ValidatorCatalog catalog) {
            failFast = options.failFast();
            List<PhaseResult> out = new ArrayList<>();
            for (String p : phases) {
                asked.add(p);
                out.add(new PhaseResult(p, CtrfReport.skipped("t", p, catalog.forPhase(p), "scripted", 0), status, "1s"));
            }
            return out;
        }
    }

    private static PrintStream sink() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    @Test
    void liveResultsDecideTheExitCode() {
        Scripted failing = new Scripted(CtrfReport.FAILED);
        Path out = tmp.resolve("report.json");
        AicrException e = assertThrows(AicrException.class, () -> ValidateRun.run(live(SNAPSHOT, true, out), sink(), failing));
        assertEquals(ErrorCode.INTERNAL, e.code());
        assertEquals("[INTERNAL] validation failed: one or more phases did not pass", e.render());
        assertEquals(List.of("deployment", "conformance"), failing.asked);
        assertTrue(failing.failFast, "--fail-fast reaches the cluster side");
        assertTrue(Files.exists(out), "the report is written before the run fails");

        Scripted other = new Scripted(CtrfReport.OTHER);
        assertThrows(AicrException.class, () -> ValidateRun.run(live(SNAPSHOT, true, tmp.resolve("b.json")), sink(), other));
        assertEquals(0, ValidateRun.run(live(SNAPSHOT, false, tmp.resolve("c.json")), sink(), new Scripted(CtrfReport.FAILED)));
        assertEquals(0, ValidateRun.run(live(SNAPSHOT, true, tmp.resolve("d.json")), sink(), new Scripted(CtrfReport.PASSED)));
    }

    @Test
    void thisBuildFailsEachClusterStepWithExitCode8AndNoReport() {
        Path out = tmp.resolve("report.json");
        AicrException phases = assertThrows(AicrException.class, () -> ValidateRun.run(live(SNAPSHOT, true, out), sink()));
        assertTrue(phases.render().startsWith("[INTERNAL] failed to apply namespace: "), phases.render());
        AicrException agent = assertThrows(AicrException.class, () -> ValidateRun.run(live(null, true, out), sink()));
        assertTrue(agent.render().startsWith("[INTERNAL] failed to capture snapshot: "), agent.render());
        assertFalse(Files.exists(out));
        assertFalse(ClusterValidation.UNAVAILABLE.banner().contains("will be deployed"));
    }
}
